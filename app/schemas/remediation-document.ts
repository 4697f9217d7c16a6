import { z } from "zod";
import { splitLines } from "./plan";

/** The signer and recipients the unit types before issuing its Báo cáo kết quả khắc phục. */
export const remediationSignerSchema = z.object({
  intent: z.enum(["preview", "issue"]).catch("preview"),
  authority: z.string().normalize("NFC").trim().max(200, "Tối đa 200 ký tự.").catch(""),
  title: z.string().normalize("NFC").trim().min(1, "Nhập chức danh người ký.").max(100, "Tối đa 100 ký tự."),
  // Required to issue (the model says so), not to preview the draft.
  name: z.string().normalize("NFC").trim().max(100, "Tối đa 100 ký tự."),
  recipients: z
    .string()
    .normalize("NFC")
    .max(2000, "Tối đa 2.000 ký tự.")
    .transform((text) => splitLines(text).slice(0, 20)),
});

export type RemediationSignerValues = Omit<z.infer<typeof remediationSignerSchema>, "intent">;
