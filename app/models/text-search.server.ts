/** An ILIKE pattern matching text that contains `text` as typed: %, _ and \ are matched literally. */
export function containsPattern(text: string): string {
  return `%${text.normalize("NFC").replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
