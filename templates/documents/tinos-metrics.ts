/**
 * Advance widths of the Tinos fonts (@expo-google-fonts/tinos 0.4, 2048 units per em), so the
 * document builders can size the lines drawn under header texts without reading a font file.
 * Vietnamese letters take the width of their base letter, except ơ/ư (and capitals) which are
 * wider; tinos-metrics.test.ts checks every letter against the font files. Kerning is ignored, so a
 * measured width is at most ~1 % more than what pdfmake lays out.
 */

export type FontStyle = "normal" | "bold" | "italics" | "bolditalics";

const UNITS_PER_EM = 2048;
const FIRST_ASCII = 32;
/** Characters beyond ASCII whose width is not their base letter's, in the order of `extra`. */
export const EXTRA_CHARACTERS = "ĐđƠơƯư–—“”‘’…•";

type Widths = { ascii: number[]; extra: number[] };

// Generated from the TTF files with fontkit (glyphForCodePoint(c).advanceWidth), 32…126 then EXTRA_CHARACTERS.
const WIDTHS: Record<FontStyle, Widths> = {
  normal: {
    ascii: [
      512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569, 1024, 1024, 1024, 1024, 1024,
      1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909, 1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479,
      682, 797, 1479, 1251, 1821, 1479, 1479, 1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569,
      682, 961, 1024, 682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024, 1024, 1024, 1024,
      682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108,
    ],
    extra: [1479, 1024, 1479, 1083, 1589, 1110, 1024, 2048, 909, 909, 682, 682, 2048, 717],
  },
  bold: {
    ascii: [
      512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569, 1024, 1024, 1024, 1024, 1024,
      1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024, 1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593,
      797, 1024, 1593, 1366, 1933, 1479, 1593, 1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569,
      682, 1190, 1024, 682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569, 1706, 1139, 1024, 1139, 1139,
      909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451, 807, 1065,
    ],
    extra: [1479, 1139, 1593, 1134, 1630, 1229, 1024, 2048, 1024, 1024, 682, 682, 2048, 717],
  },
  italics: {
    ascii: [
      512, 682, 860, 1024, 1024, 1706, 1593, 438, 682, 682, 1024, 1382, 512, 682, 512, 569, 1024, 1024, 1024, 1024, 1024,
      1024, 1024, 1024, 1024, 1024, 682, 682, 1382, 1382, 1382, 1024, 1884, 1251, 1251, 1366, 1479, 1251, 1251, 1479, 1479,
      682, 909, 1366, 1139, 1706, 1366, 1479, 1251, 1479, 1251, 1024, 1139, 1479, 1251, 1706, 1251, 1139, 1139, 797, 569,
      797, 864, 1024, 682, 1024, 1024, 909, 1024, 909, 569, 1024, 1024, 569, 569, 909, 569, 1479, 1024, 1024, 1024, 1024,
      797, 797, 569, 1024, 909, 1366, 909, 909, 797, 819, 563, 819, 1108,
    ],
    extra: [1479, 1024, 1479, 1093, 1544, 1117, 1024, 1821, 1139, 1139, 682, 682, 1821, 717],
  },
  bolditalics: {
    ascii: [
      512, 797, 1137, 1024, 1024, 1706, 1593, 569, 682, 682, 1024, 1167, 512, 682, 512, 569, 1024, 1024, 1024, 1024, 1024,
      1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024, 1704, 1366, 1366, 1366, 1479, 1366, 1366, 1479, 1593,
      797, 1024, 1366, 1251, 1821, 1479, 1479, 1251, 1479, 1366, 1139, 1251, 1479, 1366, 1821, 1366, 1251, 1251, 682, 569,
      682, 1167, 1024, 682, 1024, 1024, 909, 1024, 909, 682, 1024, 1139, 569, 569, 1024, 569, 1593, 1139, 1024, 1024, 1024,
      797, 797, 569, 1139, 909, 1366, 1024, 909, 797, 713, 451, 713, 1167,
    ],
    extra: [1479, 1024, 1479, 1099, 1587, 1227, 1024, 2048, 1024, 1024, 682, 682, 2048, 717],
  },
};

/** A character the table does not know is counted as one em: wide enough never to undersize a line. */
const UNKNOWN_WIDTH = UNITS_PER_EM;
const HORNLESS_MARKS = /(?!\u031B)\p{M}/gu;

export function fontStyleOf(style: { bold?: boolean; italics?: boolean }): FontStyle {
  if (style.bold) return style.italics ? "bolditalics" : "bold";
  return style.italics ? "italics" : "normal";
}

function characterUnits(widths: Widths, character: string): number {
  const code = character.codePointAt(0) ?? 0;
  if (code >= FIRST_ASCII && code - FIRST_ASCII < widths.ascii.length) return widths.ascii[code - FIRST_ASCII];
  const extra = EXTRA_CHARACTERS.indexOf(character);
  if (extra >= 0) return widths.extra[extra];
  // "ứ" is as wide as "ư": drop the tone and other marks but keep the horn, which widens o and u.
  const base = character.normalize("NFD").replace(HORNLESS_MARKS, "").normalize("NFC");
  if (base === "") return 0;
  if (base !== character) return [...base].reduce((sum, part) => sum + characterUnits(widths, part), 0);
  return UNKNOWN_WIDTH;
}

/** Width in points of one line of text set in Tinos at `fontSize`. */
export function textWidth(text: string, style: { fontSize: number; bold?: boolean; italics?: boolean }): number {
  const widths = WIDTHS[fontStyleOf(style)];
  let units = 0;
  for (const character of text.normalize("NFC")) units += characterUnits(widths, character);
  return (units * style.fontSize) / UNITS_PER_EM;
}
