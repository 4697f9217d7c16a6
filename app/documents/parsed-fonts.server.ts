/**
 * pdfmake parses each font file again for every document (PDFKit's font factory calls
 * fontkit.create on the file's bytes), which is most of the time it takes to render a short
 * notice. The Tinos files never change while the process runs, so each is parsed once here and
 * every document gets its own embedded-font wrapper (its own subset and widths) around the same
 * parsed font. See docs/decisions/008-conclusion-notice.md for the measured gain.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

type ParsedFont = { _glyphs: Record<number, unknown> };
type EmbeddedFont = { id: string };
type PdfmakeDocument = {
  fontCache: Record<string, Record<string, EmbeddedFont>>;
  _fontCount: number;
  _fontFamilies: Record<string, EmbeddedFont>;
  getFontType(bold: boolean, italics: boolean): string;
  provideFont(familyName: string, bold: boolean, italics: boolean): EmbeddedFont;
};

let installed = false;

/**
 * Serves `family` from fonts parsed once. `files` maps pdfmake's style names (normal, bold,
 * italics, bolditalics) to the font files' bytes.
 */
export function installParsedFonts(family: string, files: Record<string, Buffer>): void {
  if (installed) return;
  const fontkit = require("fontkit") as { create(buffer: Uint8Array): ParsedFont };
  const PdfKitDocument = require("pdfkit") as new (options: object) => { font(src: Buffer): { _font: object } };
  const pdfmakeDocument = (require("pdfmake/js/PDFDocument") as { default: { prototype: PdfmakeDocument } }).default;

  // PDFKit does not export its EmbeddedFont class: take it from a font it made.
  const probe = new PdfKitDocument({ autoFirstPage: false }).font(files.normal)._font;
  const EmbeddedFontClass = probe.constructor as new (document: object, font: ParsedFont, id: string) => EmbeddedFont;

  const parsed = new Map(Object.entries(files).map(([style, bytes]) => [style, fontkit.create(bytes)]));
  const original = pdfmakeDocument.prototype.provideFont;
  pdfmakeDocument.prototype.provideFont = function provideFont(this: PdfmakeDocument, familyName, bold, italics) {
    const type = this.getFontType(bold, italics);
    const font = familyName === family ? parsed.get(type) : undefined;
    if (!font) return original.call(this, familyName, bold, italics);
    this.fontCache[familyName] ??= {};
    let embedded = this.fontCache[familyName][type];
    if (!embedded) {
      // fontkit caches a glyph with the characters it was first asked for; a glyph first met as a
      // component of another (ơ inside ờ) would keep none, and drop out of the text layer. Each
      // document starts from an empty glyph cache; the parsed tables are what is worth keeping.
      font._glyphs = {};
      embedded = new EmbeddedFontClass(this, font, `F${++this._fontCount}`);
      // Registered like PDFKit's own font(): only registered fonts are embedded when the PDF ends.
      this._fontFamilies[embedded.id] = embedded;
      this.fontCache[familyName][type] = embedded;
    }
    return embedded;
  };
  installed = true;
}
