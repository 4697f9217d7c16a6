/**
 * Hostile input for property tests (fast-check): values a tampering client may post in place of
 * what the app's forms send, the ways a body may be broken, and the judge every answer must pass:
 * never a 5xx or a thrown error; a refusal speaks Vietnamese and writes nothing (the database
 * fingerprint is unchanged); a success stores text in NFC without control characters.
 */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { type Db, rowsOf } from "#db/client";
import { type Fingerprint, changedTables, fingerprint } from "./db-fingerprint";
import { type RouteResult, send } from "./requests";

// ---------------------------------------------------------------------------------------------
// Values

/** Vietnamese typed on a keyboard that sends combining marks (NFD): stored, it must read as NFC. */
export const NFD_TEXT = ["Tiếng Việt", "Hội đồng nhân dân phường Bình An", "Trần Thị Thuỳ Trang", "Ủy ban nhân dân", "Kiến nghị đã khắc phục"].map((s) =>
  s.normalize("NFD"),
);

/** NUL (PostgreSQL refuses it in text), bell, escape, right-to-left override, lone surrogates, BOM, separators. */
export const CONTROL_CHARACTERS = ["\u0000", "\u0007", "\u0008", "\u001b", "\u007f", "\u202e", "\ud800", "\udfff", "\ufeff", "\u2028", "\r\n"];

export const SCRIPT_TEXT = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload=window.__xss=1>',
  "javascript:alert(1)",
  "</textarea><script>alert(1)</script>",
  "{{constructor.constructor('alert(1)')()}}",
];

export const SQL_AND_NUMBER_TEXT = [
  "1; drop table users",
  "'); DROP TABLE recommendations; --",
  "' OR '1'='1",
  "1e309",
  "-1e309",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1.5",
  "99999999999999999999",
  "0x7fffffff",
  " 7 ",
  "2024-02-30",
  "31/12/2024",
  "true",
  "null",
  "",
];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 4, arbitrary: fc.constantFrom(...NFD_TEXT, ...CONTROL_CHARACTERS, ...SCRIPT_TEXT, ...SQL_AND_NUMBER_TEXT, "Tiếng Việt", " ", "\n", "\t") },
);

/** Short hostile text: random code points mixed with NFD, control characters, markup and SQL. */
export const hostileText: fc.Arbitrary<string> = fc.array(piece, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(""));

/** Text far beyond any field's limit (100 000+ characters), some of it NFD or with NUL. */
export const oversizedText: fc.Arbitrary<string> = fc
  .record({ size: fc.constantFrom(100_001, 300_000), chunk: fc.constantFrom("a", "ệ", "<b>x</b>", "e\u0302\u0323", "x\u0000", "\ud800") })
  .map(({ size, chunk }) => chunk.repeat(Math.ceil(size / chunk.length)));

/** About 5 MB of Vietnamese: what a text area might be pasted full of. */
export const FIVE_MEGABYTES_OF_TEXT = "Nội dung báo cáo dài. ".repeat(Math.ceil((5 * 1024 * 1024) / 26));

/** Not a string where a string is expected, or not a number where one is: the JSON a tampered form can carry. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, 1.5, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxKeys: 3 }),
  fc.constant({ nested: { deeper: [1, { x: "y" }] } }),
  fc.constantFrom(...SQL_AND_NUMBER_TEXT),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileText },
  { weight: 5, arbitrary: wrongType },
  { weight: 1, arbitrary: oversizedText },
);

/** What a form field may hold when it is not JSON at all (remix-hook-form sends JSON). */
export const rawEncoding: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{"a":',
    "[1,2",
    '"unterminated',
    "undefined",
    "NaN",
    "1e309",
    "-Infinity",
    "{'single':1}",
    "\u0000",
    "%zz%00",
    "\\",
    '{"__proto__":{"polluted":1}}',
    "[".repeat(5000) + "]".repeat(5000),
    "[".repeat(100_000),
  ),
  fc.string({ unit: "binary", maxLength: 30 }),
  hostileText,
);

/** Names of fields the app never sends: prototype keys, dotted paths with huge indexes, junk. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "__proto__.polluted",
    "constructor.prototype.polluted",
    "__proto__",
    "prototype",
    "a.b.c.d",
    "x.99999999.y",
    "figures.4294967295.numerator",
    "revisions.5000000",
    "ids.99999999",
    "blocks.100000000.text",
    "",
    " ",
    "intent ",
    "<script>",
    "a".repeat(10_000),
  ),
  fc.string({ maxLength: 12 }),
);

// ---------------------------------------------------------------------------------------------
// Forms and bodies

export type Path = (string | number)[];
export type Mutation =
  | { op: "set"; path: Path; value: unknown }
  | { op: "remove"; path: Path }
  | { op: "raw"; key: string; raw: string }
  | { op: "extra"; key: string; raw: string }
  | { op: "duplicate"; key: string; raw: string };

export const ENVELOPES = ["multipart", "urlencoded", "json", "text", "truncated", "garbage", "empty", "untyped"] as const;
export type Envelope = (typeof ENVELOPES)[number];
export type FormAttack = { mutations: Mutation[]; envelope: Envelope; cut: number; garbage: Uint8Array };

/** Every place in a form a value can be put: each key, each element of an array, each field of an object. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...prefix, index], ...pathsOf(item, [...prefix, index])]);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
  }
  return [];
}

function valueAt(shape: unknown, path: Path): unknown {
  let value = shape;
  for (const part of path) value = (value as Record<string | number, unknown> | undefined)?.[part];
  return value;
}

/** Bad values aimed at what the form holds there: huge and negative ids where a number is, text where text is. */
export function hostileValueFor(value: unknown): fc.Arbitrary<unknown> {
  if (typeof value === "number") {
    return fc.oneof(
      fc.constantFrom(2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, -1, 0, 1.5, 1e308, 2 ** 53 + 2, "7", "1e309", "1; drop table users"),
      fc.integer(),
      fc.double(),
    );
  }
  if (typeof value === "string") return fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: oversizedText }, { weight: 1, arbitrary: wrongType });
  if (typeof value === "boolean") return fc.constantFrom("true", "on", 1, 0, null, "false", []);
  if (Array.isArray(value)) {
    return fc.oneof(
      fc.array(fc.oneof(fc.constantFrom(2 ** 31, -1, 0, 1.5, null, "1"), fc.integer()), { maxLength: 5 }),
      fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 100, maxLength: 2000 }),
      wrongType,
    );
  }
  return wrongType;
}

/** "Put this bad value there": aimed at the value's kind most of the time, anything at all otherwise. */
export function setMutation(shape: Record<string, unknown>): fc.Arbitrary<Mutation> {
  const paths = pathsOf(shape);
  if (paths.length === 0) return fc.record({ op: fc.constant("set" as const), path: fc.constant(["x"] as Path), value: hostileValue });
  return fc
    .constantFrom(...paths)
    .chain((path) => fc.record({ op: fc.constant("set" as const), path: fc.constant(path), value: fc.oneof({ weight: 3, arbitrary: hostileValueFor(valueAt(shape, path)) }, { weight: 2, arbitrary: hostileValue }) }));
}

/** Mutations of a form of this shape: one field changed most often, up to four at once. */
export function formAttack(shape: Record<string, unknown>): fc.Arbitrary<FormAttack> {
  const paths = pathsOf(shape);
  const keys = Object.keys(shape);
  const path = paths.length > 0 ? fc.constantFrom(...paths) : fc.constant(["x"] as Path);
  const key = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant("x");
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 8, arbitrary: setMutation(shape) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("remove" as const), path }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("raw" as const), key, raw: rawEncoding }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("extra" as const), key: hostileKey, raw: fc.oneof(rawEncoding, fc.constant('"x"')) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("duplicate" as const), key, raw: rawEncoding }) },
  );
  return fc.record({
    mutations: fc.oneof({ weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 2, maxLength: 4 }) }),
    envelope: fc.oneof(
      { weight: 14, arbitrary: fc.constant("multipart" as Envelope) },
      { weight: 2, arbitrary: fc.constant("urlencoded" as Envelope) },
      { weight: 1, arbitrary: fc.constantFrom<Envelope>("json", "text", "truncated", "garbage", "empty", "untyped") },
    ),
    cut: fc.double({ min: 0, max: 1, noNaN: true }),
    garbage: fc.uint8Array({ maxLength: 300 }),
  });
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function setAt(target: Record<string, unknown>, path: Path, value: unknown) {
  let node: Record<string | number, unknown> = target;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    if (!next || typeof next !== "object") node[part] = {};
    node = node[part] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function removeAt(target: Record<string, unknown>, path: Path) {
  let node: unknown = target;
  for (const part of path.slice(0, -1)) {
    node = (node as Record<string | number, unknown> | undefined)?.[part];
    if (!node || typeof node !== "object") return;
  }
  const last = path[path.length - 1];
  if (Array.isArray(node) && typeof last === "number") node.splice(last, 1);
  else delete (node as Record<string | number, unknown>)[last];
}

/** The form's entries as a client would post them: JSON-encoded values (remix-hook-form) or plain text (a native form). */
export function formEntries(base: Record<string, unknown>, mutations: Mutation[], encoding: "json" | "plain"): [string, string][] {
  const values = clone(base);
  for (const m of mutations) {
    if (m.op === "set") setAt(values, m.path, m.value);
    if (m.op === "remove") removeAt(values, m.path);
  }
  const encode = (value: unknown) => (encoding === "plain" && typeof value === "string" ? value : (JSON.stringify(value) ?? ""));
  const entries: [string, string][] = Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => [key, encode(value)]);
  for (const m of mutations) {
    if (m.op === "raw") {
      const at = entries.findIndex(([key]) => key === m.key);
      if (at >= 0) entries[at] = [m.key, m.raw];
      else entries.push([m.key, m.raw]);
    }
    if (m.op === "extra" || m.op === "duplicate") entries.push([m.key, m.raw]);
  }
  return entries;
}

export type PostedBody = { body: BodyInit | null; contentType?: string; describe: string };

async function multipartBytes(entries: [string, string][]): Promise<{ bytes: Uint8Array<ArrayBuffer>; contentType: string }> {
  const form = new FormData();
  for (const [key, value] of entries) form.append(key, value);
  const response = new Response(form);
  return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get("Content-Type")! };
}

/** The request body for the entries, wrapped the way the attack says. */
export async function bodyFor(entries: [string, string][], attack: Pick<FormAttack, "envelope" | "cut" | "garbage">): Promise<PostedBody> {
  switch (attack.envelope) {
    case "multipart": {
      const form = new FormData();
      for (const [key, value] of entries) form.append(key, value);
      return { body: form, describe: "multipart" };
    }
    case "urlencoded":
      return { body: new URLSearchParams(entries), contentType: "application/x-www-form-urlencoded", describe: "urlencoded" };
    case "json":
      return { body: JSON.stringify(Object.fromEntries(entries)), contentType: "application/json", describe: "JSON instead of a form" };
    case "text":
      return { body: entries.map(([k, v]) => `${k}=${v}`).join("\n"), contentType: "text/plain;charset=UTF-8", describe: "text/plain" };
    case "truncated": {
      const { bytes, contentType } = await multipartBytes(entries);
      return { body: bytes.slice(0, Math.floor(bytes.length * attack.cut)), contentType, describe: `multipart cut at ${attack.cut}` };
    }
    case "garbage":
      return { body: attack.garbage as Uint8Array<ArrayBuffer>, contentType: "multipart/form-data; boundary=----x", describe: "random bytes as multipart" };
    case "empty":
      return { body: null, contentType: "application/x-www-form-urlencoded", describe: "no body" };
    case "untyped": {
      const { bytes } = await multipartBytes(entries);
      return { body: bytes as Uint8Array<ArrayBuffer>, describe: "multipart bytes without a Content-Type" };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Judging answers

const VIETNAMESE_LETTER = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
/** zod's and the JSON parser's own English, and other phrases no Vietnamese message holds. */
const ENGLISH =
  /\b(invalid|expected|unexpected|required|received|must|unrecognized|too (small|big)|at position|is not|cannot|failed|error|undefined is|null is|property|token)\b/i;

/** Whether a message shown to the user is Vietnamese: Vietnamese letters, no English sentence of zod or JSON.parse. */
export function isVietnamese(message: string): boolean {
  return VIETNAMESE_LETTER.test(message) && !ENGLISH.test(message);
}

/** Every message an answer carries: form errors, { message }, { error }, { problems }, refused edits, a text body. */
export function messagesOf(data: unknown): string[] {
  if (typeof data === "string") {
    try {
      return messagesOf(JSON.parse(data));
    } catch {
      return data.trim() === "" ? [] : [data];
    }
  }
  if (!data || typeof data !== "object") return [];
  const record = data as Record<string, unknown>;
  const found: string[] = [];
  for (const key of ["message", "error", "ok"]) if (typeof record[key] === "string") found.push(record[key] as string);
  if (Array.isArray(record.problems)) found.push(...record.problems.filter((p): p is string => typeof p === "string"));
  if (record.errors && typeof record.errors === "object") {
    for (const value of Object.values(record.errors)) {
      const message = (value as { message?: unknown } | null)?.message;
      if (typeof message === "string") found.push(message);
    }
  }
  if (Array.isArray(record.outcomes)) {
    for (const outcome of record.outcomes) if (typeof outcome?.message === "string") found.push(outcome.message);
  }
  return found;
}

/** A refusal: a 4xx, or an answer that carries form errors. */
export function isRefusal(result: RouteResult): boolean {
  if (result.status >= 400) return true;
  const data = result.data as { errors?: unknown } | null;
  return Boolean(data && typeof data === "object" && data.errors && Object.keys(data.errors).length > 0);
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | null {
  if (text.normalize("NFC") !== text) return "not NFC";
  const control = CONTROL.exec(text);
  if (control) return `control character U+${control[0].charCodeAt(0).toString(16).padStart(4, "0")}`;
  if (LONE_SURROGATE.test(text)) return "lone surrogate";
  return null;
}

function jsonStrings(value: unknown, out: string[]): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) jsonStrings(item, out);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      jsonStrings(item, out);
    }
  }
  return out;
}

const textColumnsOf = new WeakMap<Db, Map<string, { column: string; json: boolean }[]>>();

/**
 * Text read back from the given tables that is not NFC or holds control characters (tab and line
 * breaks allowed), as "table.column: problem" lines. JSON columns are read string by string.
 */
export async function storedTextProblems(db: Db, tables: string[]): Promise<string[]> {
  let columns = textColumnsOf.get(db);
  if (!columns) {
    columns = new Map();
    const rows = rowsOf<{ table_name: string; column_name: string; data_type: string }>(
      await db.execute(sql`select table_name, column_name, data_type from information_schema.columns
                           where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json')`),
    );
    for (const row of rows) {
      const list = columns.get(row.table_name) ?? [];
      list.push({ column: row.column_name, json: row.data_type.startsWith("json") });
      columns.set(row.table_name, list);
    }
    textColumnsOf.set(db, columns);
  }
  const problems: string[] = [];
  for (const table of tables) {
    for (const { column, json } of columns.get(table) ?? []) {
      const rows = rowsOf<{ v: string }>(await db.execute(sql.raw(`select "${column}"::text as v from "${table}" where "${column}" is not null`)));
      for (const { v } of rows) {
        for (const text of json ? jsonStrings(JSON.parse(v), []) : [v]) {
          const problem = textProblem(text);
          if (problem) problems.push(`${table}.${column}: ${problem} in ${JSON.stringify(text.slice(0, 80))}`);
        }
      }
    }
  }
  return problems;
}

export function brief(value: unknown): string {
  let text: string | undefined;
  try {
    text = typeof value === "string" ? value : JSON.stringify(value, (_key, item) => (typeof item === "string" && item.length > 120 ? `${item.slice(0, 60)}…(${item.length} characters)` : item));
  } catch {
    text = String(value);
  }
  if (text === undefined) return String(value);
  return text.length > 400 ? `${text.slice(0, 400)}… (${text.length} characters)` : text;
}

/**
 * Where the database stands: the next transaction id (any write assigns one, reads do not) and
 * the fingerprint of every table. The fingerprint is taken again only when the transaction id has
 * moved, so a refusal that wrote nothing costs one small query instead of a pass over every table.
 */
export type Baseline = { mark: string; print: Fingerprint };

async function writeMark(db: Db): Promise<string> {
  const [row] = rowsOf<{ mark: string }>(await db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as mark`));
  return row.mark;
}

export async function baseline(db: Db): Promise<Baseline> {
  return { mark: await writeMark(db), print: await fingerprint(db) };
}

async function tablesChangedSince(db: Db, before: Baseline): Promise<{ after: Baseline; changed: string[] }> {
  const mark = await writeMark(db);
  if (mark === before.mark) return { after: before, changed: [] };
  // Something wrote (here, or another database of the same server): compare table by table.
  const print = await fingerprint(db);
  return { after: { mark, print }, changed: changedTables(before.print, print) };
}

/** Object.prototype as the process started: a form field named "__proto__.x" must never add to it. */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

export type Judged = { refused: boolean; changed: string[] };
export type JudgeContext = { what: string; mayWriteWhenRefused?: string[]; signedOutAllowed?: boolean };

/**
 * The property every answer to hostile input must have: no 5xx; Object.prototype untouched;
 * every message Vietnamese; a refusal carries a message and wrote nothing (but to
 * `mayWriteWhenRefused`: the sign-in counts failures); a success stored only NFC text without
 * control characters or lone surrogates.
 * Returns the baseline after the answer, to serve as the next one's `before`.
 */
export async function judge(db: Db, result: RouteResult, before: Baseline, context: JudgeContext): Promise<{ after: Baseline; judged: Judged }> {
  const { after, changed } = await tablesChangedSince(db, before);
  const where = `${context.what} → ${result.status} ${brief(result.data)}`;
  expect(result.status, where).toBeLessThan(500);
  expect(Object.getOwnPropertyNames(Object.prototype).sort(), `${where}: Object.prototype was written to`).toEqual(PROTOTYPE_KEYS);
  if (!context.signedOutAllowed) expect(result.location ?? "", `${where}: the actor was signed out`).not.toMatch(/^\/login/);
  const messages = messagesOf(result.data);
  for (const message of messages) expect(isVietnamese(message), `${where}: not a Vietnamese message: ${brief(message)}`).toBe(true);
  const refused = isRefusal(result);
  if (refused) {
    expect(messages.length, `${where}: a refusal without a message`).toBeGreaterThan(0);
    const allowed = new Set(context.mayWriteWhenRefused ?? []);
    expect(
      changed.filter((table) => !allowed.has(table)),
      `${where}: a refusal wrote to the database`,
    ).toEqual([]);
  } else {
    expect(await storedTextProblems(db, changed), `${where}: stored text`).toEqual([]);
  }
  return { after, judged: { refused, changed } };
}

// ---------------------------------------------------------------------------------------------
// Running attacks against one action

type RouteModule = Parameters<typeof send>[0];

export type HostileFormCase = {
  /** "plans.new", "visits.$visitId_.findings finding.update" … */
  name: string;
  route: RouteModule;
  path: string;
  params?: Record<string, string>;
  cookie?: string;
  /** json: values JSON-encoded as remix-hook-form sends them; plain: a native form's text. */
  encoding: "json" | "plain";
  /** A valid form, built afresh for every run (ids and revisions change as runs succeed). */
  base: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  mayWriteWhenRefused?: string[];
  signedOutAllowed?: boolean;
  /** The base writes to the database (makes the row a delete or merge uses up): take the baseline after it. */
  baseWrites?: boolean;
};

/** A fixed seed per case, from its name, so a failure reproduces; BAD_INPUT_SEED shifts them all. */
export function seedOf(name: string): number {
  let hash = Number(process.env.BAD_INPUT_SEED ?? 20_250_801);
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/** Runs per case; BAD_INPUT_RUNS raises it for a longer hunt. */
export function runsFor(defaultRuns: number): number {
  return Number(process.env.BAD_INPUT_RUNS ?? defaultRuns);
}

export type Tally = { runs: number; refused: number; succeeded: number };

const tallies = new Map<string, Tally & { ms: number }>();

function record(name: string, tally: Tally, ms: number) {
  const seen = tallies.get(name) ?? { runs: 0, refused: 0, succeeded: 0, ms: 0 };
  tallies.set(name, { runs: seen.runs + tally.runs, refused: seen.refused + tally.refused, succeeded: seen.succeeded + tally.succeeded, ms: seen.ms + ms });
}

/** What the file's attacks did, one line per action: printed after the file, to show that successes were tried too. */
export function talliesReport(): string {
  const lines = [...tallies].map(([name, t]) => `${name.padEnd(48)} ${String(t.runs).padStart(4)} posts ${String(t.refused).padStart(4)} refused ${String(t.succeeded).padStart(3)} taken ${String(Math.round(t.ms)).padStart(6)} ms`);
  return lines.join("\n");
}

type Poster<A> = (attack: A, rebase: () => Promise<void>) => Promise<{ result: RouteResult; what: string }>;

/** One attack posted and judged; the baseline moves on. */
class Attacker {
  tally: Tally = { runs: 0, refused: 0, succeeded: 0 };
  private constructor(
    private readonly db: Db,
    private readonly c: Pick<HostileFormCase, "name" | "mayWriteWhenRefused" | "signedOutAllowed">,
    private before: Baseline,
  ) {}

  static async start(db: Db, c: Pick<HostileFormCase, "name" | "mayWriteWhenRefused" | "signedOutAllowed">) {
    return new Attacker(db, c, await baseline(db));
  }

  async run<A>(attack: A, post: Poster<A>) {
    try {
      // A base form that had to write first (a finding to delete): what it wrote is not the answer's.
      const { result, what } = await post(attack, async () => {
        this.before = await baseline(this.db);
      }).catch((error: unknown) => {
        // What the route threw instead of answering (Remix would answer 500), with the attack that did it.
        throw new Error(`${this.c.name} ${brief(attack)}: the action threw ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
      const { after, judged } = await judge(this.db, result, this.before, { ...this.c, what: `${this.c.name} ${what}` });
      this.before = after;
      this.tally.runs += 1;
      if (judged.refused) this.tally.refused += 1;
      else this.tally.succeeded += 1;
      return judged;
    } catch (error) {
      this.before = await baseline(this.db);
      throw error;
    }
  }
}

/**
 * Runs a property over attacks of one action. Fixed seed per case; no shrinking unless
 * BAD_INPUT_SHRINK=1 (the database has moved on since the failing run anyway).
 */
export async function checkAttacks<A>(
  db: Db,
  c: Pick<HostileFormCase, "name" | "mayWriteWhenRefused" | "signedOutAllowed">,
  attacks: fc.Arbitrary<A>,
  post: Poster<A>,
  numRuns: number,
): Promise<Tally> {
  const started = performance.now();
  const attacker = await Attacker.start(db, c);
  const seed = seedOf(c.name);
  const details = await fc.check(
    fc.asyncProperty(attacks, async (attack) => {
      await attacker.run(attack, post);
    }),
    { seed, numRuns: runsFor(numRuns), endOnFailure: process.env.BAD_INPUT_SHRINK !== "1" },
  );
  if (details.failed) {
    // fast-check's own report prints the whole counterexample (300 000 characters at times).
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${c.name}: property failed after ${details.numRuns} runs (seed ${seed}, path "${details.counterexamplePath}")\n${cause}`);
  }
  record(c.name, attacker.tally, performance.now() - started);
  return attacker.tally;
}

// ---------------------------------------------------------------------------------------------
// The sweep: every field of the form, each kind of bad value, one at a time

/** NFD Vietnamese with NUL, bell, escape, markup, a right-to-left override, SQL and a lone surrogate: stored, it must come back NFC and clean. */
export const DIRTY_TEXT = `${"Tiếng Việt".normalize("NFD")} \u0000\u0007\u001b<script>alert(1)</script><img src=x onerror=alert(1)>\u202e' OR '1'='1; drop table users\ud800`;

const TEXT_AREA = /text|content|report|note|reason|outline|recipients|summary|purpose|legalbasis|description|guidance/i;

/** The bad values tried in place of one value of the valid form, chosen by what it is. */
export function sweepValuesFor(value: unknown): unknown[] {
  if (typeof value === "number") return [2 ** 31, -1, 1.5, "7"];
  if (typeof value === "string") return [DIRTY_TEXT, "ệ".repeat(100_001), 42];
  if (typeof value === "boolean") return ["true", null];
  if (value === null) return [2 ** 31, DIRTY_TEXT];
  if (Array.isArray(value)) return ["x", [2 ** 31], Array.from({ length: 1000 }, (_, i) => i + 1)];
  return [[]];
}

export type Sweep = { label: string; mutations: Mutation[] };

/**
 * Each value of the form replaced by each bad value of its kind (in a list, those of its first
 * element only), each key left out, an unknown key added, and 5 MB in the first text area (unless
 * told not to: a route's forms share one reader, and 5 MB takes a while to build and send).
 */
export function sweepOf(shape: Record<string, unknown>, options: { fiveMegabytes?: boolean } = {}): Sweep[] {
  const sweeps: Sweep[] = [];
  let textArea: Path | null = null;
  for (const path of pathsOf(shape)) {
    if (path.some((part) => typeof part === "number" && part > 0)) continue;
    const value = valueAt(shape, path);
    const last = path[path.length - 1];
    if (!textArea && typeof value === "string" && typeof last === "string" && TEXT_AREA.test(last)) textArea = path;
    for (const bad of sweepValuesFor(value)) sweeps.push({ label: `${path.join(".")} = ${brief(bad)}`, mutations: [{ op: "set", path, value: bad }] });
  }
  if (textArea && options.fiveMegabytes !== false) sweeps.push({ label: `${textArea.join(".")} = 5 MB`, mutations: [{ op: "set", path: textArea, value: FIVE_MEGABYTES_OF_TEXT }] });
  for (const key of Object.keys(shape)) sweeps.push({ label: `without ${key}`, mutations: [{ op: "remove", path: [key] }] });
  sweeps.push({ label: "__proto__.polluted added", mutations: [{ op: "extra", key: "__proto__.polluted", raw: '"yes"' }] });
  return sweeps;
}

const sentFiveMegabytes = new WeakSet<object>();

async function postForm(c: HostileFormCase, base: Record<string, unknown>, attack: Pick<FormAttack, "mutations" | "envelope" | "cut" | "garbage">) {
  const posted = await bodyFor(formEntries(base, attack.mutations, c.encoding), attack);
  const result = await send(c.route, { path: c.path, params: c.params, cookie: c.cookie, body: posted.body as BodyInit, contentType: posted.contentType });
  return { result, what: `[${posted.describe}] ${brief(attack.mutations)}` };
}

/**
 * For one form action: the sweep (every field, each kind of bad value), then numRuns random
 * attacks (fast-check). Every answer is judged.
 */
export async function assertHostileForms(db: Db, c: HostileFormCase, numRuns: number): Promise<Tally> {
  const shape = await c.base();
  const started = performance.now();
  const attacker = await Attacker.start(db, c);
  const fiveMegabytes = !sentFiveMegabytes.has(c.route);
  for (const sweep of sweepOf(shape, { fiveMegabytes })) {
    if (sweep.label.endsWith("= 5 MB")) sentFiveMegabytes.add(c.route);
    await attacker.run(sweep, async (s, rebase) => {
      const base = await c.base();
      if (c.baseWrites) await rebase();
      return postForm(c, base, { mutations: s.mutations, envelope: "multipart", cut: 1, garbage: new Uint8Array() });
    });
  }
  record(c.name, attacker.tally, performance.now() - started);
  const random = await checkAttacks(db, c, formAttack(shape), async (attack, rebase) => {
    const base = await c.base();
    if (c.baseWrites) await rebase();
    return postForm(c, base, attack);
  }, numRuns);
  return { runs: attacker.tally.runs + random.runs, refused: attacker.tally.refused + random.refused, succeeded: attacker.tally.succeeded + random.succeeded };
}

/** Posts a form as it is (no attack) and judges the answer: for the valid base and named regression examples. */
export async function postAndJudge(
  db: Db,
  c: HostileFormCase,
  form: [string, string][] | Record<string, unknown>,
  envelope: Envelope = "multipart",
): Promise<{ result: RouteResult } & Judged> {
  const entries = Array.isArray(form) ? form : formEntries(form, [], c.encoding);
  const posted = await bodyFor(entries, { envelope, cut: 1, garbage: new Uint8Array() });
  const before = await baseline(db);
  const result = await send(c.route, { path: c.path, params: c.params, cookie: c.cookie, body: posted.body as BodyInit, contentType: posted.contentType });
  const { judged } = await judge(db, result, before, { ...c, what: `${c.name} ${brief(entries)}` });
  return { result, ...judged };
}

// ---------------------------------------------------------------------------------------------
// JSON bodies (the tablet's answers endpoint)

export const JSON_ENVELOPES = ["json", "truncated", "text/plain", "multipart", "garbage", "oversized", "empty", "not-json"] as const;
export type JsonEnvelope = (typeof JSON_ENVELOPES)[number];
export type JsonAttack = { mutations: Mutation[]; extra: { key: string; raw: string } | null; envelope: JsonEnvelope; cut: number; garbage: Uint8Array };

/** Changes of a JSON body of this shape, and the ways the body itself may be broken. */
export function jsonAttack(shape: Record<string, unknown>): fc.Arbitrary<JsonAttack> {
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 4, arbitrary: setMutation(shape) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("remove" as const), path: fc.constantFrom(...pathsOf(shape)) }) },
  );
  return fc.record({
    mutations: fc.array(mutation, { minLength: 0, maxLength: 3 }),
    extra: fc.option(fc.record({ key: hostileKey, raw: fc.oneof(rawEncoding, fc.constant("1")) }), { freq: 4 }),
    envelope: fc.oneof({ weight: 12, arbitrary: fc.constant("json" as JsonEnvelope) }, { weight: 1, arbitrary: fc.constantFrom<JsonEnvelope>(...JSON_ENVELOPES) }),
    cut: fc.double({ min: 0, max: 1, noNaN: true }),
    garbage: fc.uint8Array({ maxLength: 300 }),
  });
}

/** The JSON text of the value after the attack's changes, then wrapped as the attack says. */
export function jsonBodyFor(base: Record<string, unknown>, attack: JsonAttack): PostedBody {
  const value = clone(base);
  for (const m of attack.mutations) {
    if (m.op === "set") setAt(value, m.path, m.value);
    if (m.op === "remove") removeAt(value, m.path);
  }
  let text = JSON.stringify(value);
  // Spliced into the text: a key such as "__proto__" set on an object would not be an own key.
  if (attack.extra) text = `{${JSON.stringify(attack.extra.key)}:${attack.extra.raw}${text.length > 2 ? "," : ""}${text.slice(1)}`;
  switch (attack.envelope) {
    case "json":
      return { body: text, contentType: "application/json", describe: "JSON" };
    case "truncated":
      return { body: text.slice(0, Math.floor(text.length * attack.cut)), contentType: "application/json", describe: `JSON cut at ${attack.cut}` };
    case "text/plain":
      return { body: text, contentType: "text/plain", describe: "JSON as text/plain" };
    case "multipart": {
      const form = new FormData();
      form.append("edits", text);
      return { body: form, describe: "a form instead of JSON" };
    }
    case "garbage":
      return { body: attack.garbage as Uint8Array<ArrayBuffer>, contentType: "application/json", describe: "random bytes as JSON" };
    case "oversized":
      return { body: JSON.stringify({ ...value, padding: "x".repeat(1_100_000) }), contentType: "application/json", describe: "JSON over 1 MB" };
    case "empty":
      return { body: "", contentType: "application/json", describe: "empty JSON body" };
    case "not-json":
      return { body: "edits=1&value=met", contentType: "application/json; charset=utf-8", describe: "a form body labelled JSON" };
  }
}

/** For a JSON endpoint: the sweep over every value of the body, then numRuns random bodies. */
export async function assertHostileJson(db: Db, c: HostileFormCase, numRuns: number): Promise<Tally> {
  const shape = await c.base();
  const post = async (attack: JsonAttack, rebase: () => Promise<void>) => {
    const base = await c.base();
    if (c.baseWrites) await rebase();
    const posted = jsonBodyFor(base, attack);
    const result = await send(c.route, { path: c.path, params: c.params, cookie: c.cookie, body: posted.body as BodyInit, contentType: posted.contentType });
    return { result, what: `[${posted.describe}] ${brief(attack.mutations)} ${brief(attack.extra)}` };
  };
  const started = performance.now();
  const attacker = await Attacker.start(db, c);
  for (const sweep of sweepOf(shape, { fiveMegabytes: false })) {
    if (sweep.mutations.some((m) => m.op === "extra")) continue;
    await attacker.run({ mutations: sweep.mutations, extra: null, envelope: "json" as const, cut: 1, garbage: new Uint8Array() }, post);
  }
  record(c.name, attacker.tally, performance.now() - started);
  const random = await checkAttacks(db, c, jsonAttack(shape), post, numRuns);
  return { runs: attacker.tally.runs + random.runs, refused: attacker.tally.refused + random.refused, succeeded: attacker.tally.succeeded + random.succeeded };
}
