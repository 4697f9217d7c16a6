/**
 * Reads a rendered .docx the way Word would find it: the zip's parts (node:zlib, no dependency),
 * decoded as strict UTF-8, and the WordprocessingML pieces the tests look at: paragraphs with
 * their text and properties, runs, table rows, the section's page setup and its headers.
 */
import { inflateRawSync } from "node:zlib";

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Every part of the zip by its name, as bytes. */
export function unzip(archive: Buffer): Map<string, Buffer> {
  let end = archive.length - 22;
  while (end >= 0 && archive.readUInt32LE(end) !== EOCD_SIGNATURE) end--;
  if (end < 0) throw new Error("not a zip archive");
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  const parts = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    if (archive.readUInt32LE(offset) !== CENTRAL_SIGNATURE) throw new Error("broken central directory");
    const method = archive.readUInt16LE(offset + 10);
    const size = archive.readUInt32LE(offset + 20);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const local = archive.readUInt32LE(offset + 42);
    const name = archive.subarray(offset + 46, offset + 46 + nameLength).toString("utf8");
    if (archive.readUInt32LE(local) !== LOCAL_SIGNATURE) throw new Error(`broken local header: ${name}`);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`unknown compression ${method}: ${name}`);
    parts.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

export type DocxPackage = {
  parts: Map<string, Buffer>;
  /** A part as text; throws when it is missing or not valid UTF-8. */
  xml(name: string): string;
};

export function readDocx(archive: Buffer): DocxPackage {
  const parts = unzip(archive);
  return {
    parts,
    xml(name) {
      const part = parts.get(name);
      if (!part) throw new Error(`no part ${name} in the docx`);
      return STRICT_UTF8.decode(part);
    },
  };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (/^#x/i.test(entity)) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

/** The text of a piece of WordprocessingML: w:t contents, a non-breaking hyphen as "-", a tab as "\t". */
export function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:noBreakHyphen\/>|<w:tab\/>/g)]
    .map((match) => (match[0].startsWith("<w:noBreakHyphen") ? "-" : match[0] === "<w:tab/>" ? "\t" : decodeXml(match[1])))
    .join("");
}

/** The w:t contents alone, one string each. */
export function textNodes(xml: string): string[] {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => decodeXml(match[1]));
}

export type DocxParagraph = { xml: string; properties: string; text: string };

/** Every paragraph in document order, in table cells too (docx never nests paragraphs). */
export function paragraphsOf(xml: string): DocxParagraph[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g)].map(([paragraph]) => ({
    xml: paragraph,
    properties: /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(paragraph)?.[1] ?? "",
    text: textOf(paragraph),
  }));
}

/** The paragraph whose whole text is `text`. */
export function paragraphWithText(paragraphs: DocxParagraph[], text: string): DocxParagraph {
  const found = paragraphs.find((paragraph) => paragraph.text === text);
  if (!found) throw new Error(`no paragraph "${text}"`);
  return found;
}

/** Every w:val of `element` ("sz", "jc", …) in a piece of XML. */
export function valuesOf(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<w:${element}\\s[^>]*?w:val="([^"]*)"`, "g"))].map((match) => match[1]);
}

/** An element's attributes: `<w:pgMar w:top="1134" …/>` → { top: "1134", … }. */
export function attributesOf(xml: string, element: string): Record<string, string> {
  const tag = new RegExp(`<w:${element}(\\s[^>]*?)/?>`).exec(xml);
  if (!tag) throw new Error(`no w:${element}`);
  return Object.fromEntries([...tag[1].matchAll(/w:(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
}

/** Table rows (w:tr) in document order. */
export function tableRowsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((match) => match[0]);
}

/** The header part a section's headerReference of `type` ("default", "first") points to. */
export function headerPart(docx: DocxPackage, type: "default" | "first" | "even"): string {
  const reference = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(docx.xml("word/document.xml"));
  if (!reference) throw new Error(`no ${type} header`);
  const relation = new RegExp(`<Relationship [^>]*Id="${reference[1]}"[^>]*/>`).exec(docx.xml("word/_rels/document.xml.rels"));
  const target = relation && /Target="([^"]+)"/.exec(relation[0])?.[1];
  if (!target) throw new Error(`no relationship ${reference[1]}`);
  return docx.xml(`word/${target.replace(/^\/?word\//, "")}`);
}
