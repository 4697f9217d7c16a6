import { cleanText } from "./vietnamese";

const ACRONYMS = new Set(["HĐND", "UBND", "MTTQ", "UBMTTQ", "TAND", "VKSND"]);
const UNIT_TYPES = ["phường", "xã", "thị trấn", "thị xã", "huyện", "quận", "thành phố", "tỉnh", "đặc khu"];

/**
 * Caps as printed in the header → running text: "THƯỜNG TRỰC" + "HĐND PHƯỜNG BÌNH AN" →
 * "Thường trực HĐND phường Bình An". Words after the last unit type are a place name.
 */
export function issuerName(issuingBody: string, governingBody: string): string {
  const words = cleanText(`${issuingBody} ${governingBody}`).split(" ").filter(Boolean);
  const lower = words.map((word) => word.toLowerCase());
  let placeStart = lower.length;
  for (let index = 0; index < lower.length; index++) {
    const type = UNIT_TYPES.find((unitType) => lower.slice(index, index + unitType.split(" ").length).join(" ") === unitType);
    if (type) placeStart = index + type.split(" ").length;
  }
  const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return lower
    .map((word, index) => {
      if (ACRONYMS.has(words[index].toUpperCase())) return words[index].toUpperCase();
      return index === 0 || index >= placeStart ? capitalise(word) : word;
    })
    .join(" ");
}

