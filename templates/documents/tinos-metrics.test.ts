import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { type FontStyle, textWidth } from "./tinos-metrics";

type FontkitFont = {
  unitsPerEm: number;
  glyphForCodePoint(code: number): { id: number; advanceWidth: number };
  layout(text: string): { advanceWidth: number };
};

const require = createRequire(import.meta.url);
// fontkit is what pdfkit (under pdfmake) measures with; it comes with pdfmake.
const fontkit = require("fontkit") as { openSync(path: string): FontkitFont };

const FILES: Record<FontStyle, string> = {
  normal: "@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf",
  bold: "@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf",
  italics: "@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf",
  bolditalics: "@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf",
};
const STYLES = Object.keys(FILES) as FontStyle[];
const flags = (style: FontStyle) => ({ bold: style.startsWith("bold"), italics: style.endsWith("italics") });

const VIETNAMESE_LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz";
const LETTERS = VIETNAMESE_LOWER + VIETNAMESE_LOWER.toUpperCase();
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
const PUNCTUATION = "–—“”‘’…";

describe("Tinos advance widths", () => {
  for (const style of STYLES) {
    const font = fontkit.openSync(require.resolve(FILES[style]));
    const pointsAt100 = (character: string) => (font.glyphForCodePoint(character.codePointAt(0)!).advanceWidth * 100) / font.unitsPerEm;

    it(`match the ${style} font file for every Vietnamese letter, ASCII and punctuation`, () => {
      for (const character of LETTERS + ASCII + PUNCTUATION) {
        expect(font.glyphForCodePoint(character.codePointAt(0)!).id, character).not.toBe(0);
        expect(textWidth(character, { fontSize: 100, ...flags(style) }), character).toBeCloseTo(pointsAt100(character), 6);
      }
    });

    it(`measure ${style} header texts within kerning of what pdfmake lays out`, () => {
      for (const text of ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "THƯỜNG TRỰC", "HĐND PHƯỜNG BÌNH AN"]) {
        const laidOut = (font.layout(text).advanceWidth * 13) / font.unitsPerEm;
        const measured = textWidth(text, { fontSize: 13, ...flags(style) });
        expect(measured).toBeGreaterThanOrEqual(laidOut - 1e-9);
        expect(measured / laidOut).toBeLessThan(1.015);
      }
    });
  }

  it("measures decomposed input like its NFC form", () => {
    const nfc = "Trần Thị Thuỳ Trang";
    expect(textWidth(nfc.normalize("NFD"), { fontSize: 13 })).toBeCloseTo(textWidth(nfc, { fontSize: 13 }), 9);
  });
});
