import { fileResponse } from "./pdf.server";

/** A JSON file to download: pretty-printed UTF-8. */
export function jsonDownload(value: unknown, fileName: string): Response {
  const body = new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  return fileResponse(body, fileName, "application/json; charset=utf-8", "attachment");
}
