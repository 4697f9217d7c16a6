/** The checklist templates shipped with the product, read through the same schema as an import. */
import { type ChecklistTemplateFile, checklistTemplateFileSchema } from "~/schemas/checklist-template";
import oneStopShop from "./one-stop-shop.json";

/** The one-stop-shop checklist (code "mot-cua"): sections A–F of ../shared/DOMAIN.md. */
export function oneStopShopTemplate(): ChecklistTemplateFile {
  return checklistTemplateFileSchema.parse(oneStopShop);
}
