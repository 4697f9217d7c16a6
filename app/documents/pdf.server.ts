/**
 * Renders pdfmake definitions to PDF bytes with the Tinos fonts, and answers them as a download.
 * pdfmake 0.3 is a process-wide singleton: it is set up once, may fetch no URL, and may read no
 * local file but the four font files, which are parsed once for all documents (parsed-fonts.server.ts).
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import pdfmake from "pdfmake";
import type { TDocumentDefinitions } from "pdfmake/interfaces";
import { FONT_FAMILY } from "#templates/documents/nd30";
import { installParsedFonts } from "./parsed-fonts.server";

const require = createRequire(import.meta.url);

const FONT_FILES = {
  normal: "@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf",
  bold: "@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf",
  italics: "@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf",
  bolditalics: "@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf",
} as const;

let configured = false;

function configurePdfmake() {
  if (configured) return;
  const fonts = Object.fromEntries(Object.entries(FONT_FILES).map(([style, file]) => [style, require.resolve(file)]));
  const allowed = new Set(Object.values(fonts).map((file) => path.resolve(file)));
  pdfmake.setFonts({ [FONT_FAMILY]: fonts });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => allowed.has(path.resolve(file)));
  installParsedFonts(FONT_FAMILY, Object.fromEntries(Object.entries(fonts).map(([style, file]) => [style, readFileSync(file)])));
  configured = true;
}

/** pdfmake writes layout state into the definition (e.g. moves centred canvases): give it a copy. */
function copyDefinition<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyDefinition) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyDefinition(item)])) as T;
  }
  return value;
}

export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  configurePdfmake();
  return pdfmake.createPdf(copyDefinition(definition)).getBuffer();
}

/** "Kế-hoạch-05-KH-HĐND.pdf" → "Ke-hoach-05-KH-HDND.pdf" for clients that ignore filename*. */
export function asciiFileName(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-(?=\.)|-$/g, "");
  return ascii || "document.pdf";
}

export const encodeRfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);

/** A generated file as a response: an ASCII file name for clients that ignore filename*, never cached by a shared cache. */
export function fileResponse(
  bytes: Uint8Array,
  fileName: string,
  contentType: string,
  disposition: "inline" | "attachment",
): Response {
  const name = fileName.normalize("NFC");
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: {
      "Content-Type": contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `${disposition}; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** The PDF shown in the browser (inline). */
export function pdfResponse(buffer: Uint8Array, fileName: string): Response {
  return fileResponse(buffer, fileName, "application/pdf", "inline");
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A Word file, downloaded (browsers do not show .docx inline). */
export function docxResponse(buffer: Uint8Array, fileName: string): Response {
  return fileResponse(buffer, fileName, DOCX_CONTENT_TYPE, "attachment");
}
