import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { composeNotice } from "~/domain/notice-composition";
import { parseSupervisionFile, supervisionFileSchema } from "~/schemas/supervision-file";
import { FIELD_DESCRIPTIONS, SCHEMA_FILE, schemaFields, supervisionJsonSchema, supervisionJsonSchemaText } from "./supervision-schema";

const example = JSON.parse(readFileSync(new URL("../templates/examples/binh-an.json", import.meta.url), "utf8")) as unknown;

/** The paths of every key a JSON value holds, arrays as "[]": "figures[].numerator". */
function valuePaths(value: unknown, at = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuePaths(item, `${at}[]`));
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const childPath = at ? `${at}.${key}` : key;
    return [childPath, ...valuePaths(child, childPath)];
  });
}

describe("docs/supervision-file.schema.json", () => {
  it("is exactly what npm run schema generates from the zod schema (run it after changing the schema)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(supervisionJsonSchemaText());
  });

  it("describes every field, and describes no field the schema lacks", () => {
    const fields = [...schemaFields(supervisionJsonSchema()).keys()];
    expect(fields.filter((field) => !(field in FIELD_DESCRIPTIONS))).toEqual([]);
    expect(Object.keys(FIELD_DESCRIPTIONS).filter((field) => !fields.includes(field))).toEqual([]);
  });

  it("marks as required only what the file must give, defaulted fields optional", () => {
    const schema = supervisionJsonSchema();
    expect(schema.required).toEqual(["format", "version", "issuer", "plan", "team", "unit", "notice"]);
    const numerator = schemaFields(schema).get("figures[].numerator");
    expect(numerator).toMatchObject({ type: "integer", minimum: 0 });
  });
});

describe("templates/examples/binh-an.json", () => {
  it("parses with the zod schema", () => {
    const parsed = supervisionFileSchema.safeParse(example);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.figures.find((figure) => figure.id === "dossiers-received")?.numerator).toBe(11701);
  });

  it("uses only fields the JSON Schema names", () => {
    const fields = schemaFields(supervisionJsonSchema());
    expect(valuePaths(example).filter((field) => !fields.has(field))).toEqual([]);
  });
});

describe("docs/supervision-file.md", () => {
  const doc = readFileSync(new URL("../docs/supervision-file.md", import.meta.url), "utf8");

  it("gives a minimal example that parses and prints the sentences the page quotes", () => {
    const block = /## Minimal example[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
    const parsed = parseSupervisionFile(block ?? "");
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
    const texts = composeNotice(parsed.file).blocks.map((b) => b.text);
    const quoted = [...(/Among what it prints: "([^"]+)" and "([^"]+)"/.exec(doc.replace(/\n/g, " ")) ?? [])].slice(1);
    expect(quoted).toHaveLength(2);
    for (const sentence of quoted) expect(texts, sentence).toContain(sentence);
    expect(texts.join(" ")).toContain("1.180/1.250 hồ sơ");
  });

  it("has a row for every field of the schema", () => {
    // Rows name fields relative to their section: `fullName` under team[], `signer.name` under notice.
    const rows = new Set([...doc.matchAll(/^\| `([^`]+)`(?:, `([^`]+)`)? \|/gm)].flatMap((m) => [m[1], m[2]]).filter(Boolean));
    const relative = (field: string) => field.replace(/^(issuer|plan|unit|notice)\.|^(team|figures|findings|recommendations)\[\]\./, "");
    const missing = [...schemaFields(supervisionJsonSchema()).keys()]
      .map(relative)
      .filter((field) => !rows.has(field) && ![...rows].some((row) => row.startsWith(`${field}.`) || row.startsWith(`${field}[]`)));
    expect(missing).toEqual([]);
  });
});
