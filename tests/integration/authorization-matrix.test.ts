/**
 * The authorisation matrix of tests/support/route-matrix.ts, run: every route module with a loader
 * or an action has rows (checked against app/routes at test time, intent by intent); every read
 * and every write is tried by every kind of user through the route module, with the real session
 * cookie; a refused write, and every read, leaves the database as it was (a fingerprint of every
 * table before and after); ids of objects the actor may not touch, posted in forms they may send,
 * are refused and change nothing.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { type TestDatabase, freshDatabase } from "#tests/support/database";
import { type Fingerprint, changedTables, fingerprint } from "#tests/support/db-fingerprint";
import { type RouteResult, act, load, send, signIn } from "#tests/support/requests";
import {
  ACTORS,
  type ActorName,
  type Body,
  type DownloadKind,
  MATERIALISING_GETS,
  type ModuleName,
  READS,
  ROUTES,
  type ReadOutcome,
  type ReadRow,
  TAMPERING,
  type TamperRow,
  WRITES,
  type World,
  type WriteOutcome,
  type WriteRow,
  buildWorld,
  pathOf,
} from "#tests/support/route-matrix";
import { LocalDiskStore, setAttachmentStoreForTests } from "~/storage/attachment-store.server";
import * as accountPassword from "~/routes/account.password";
import * as plansIndex from "~/routes/plans._index";
import * as trackerPage from "~/routes/recommendations._index";

let handle: TestDatabase;
let world: World;
let storeDir: string;
const cookies = new Map<ActorName, string | undefined>();

beforeAll(async () => {
  handle = await freshDatabase();
  storeDir = mkdtempSync(path.join(tmpdir(), "hdnd-matrix-"));
  setAttachmentStoreForTests(new LocalDiskStore(storeDir));
  await ensureDemoData(handle.db);
  world = await buildWorld(handle.db);
  for (const name of ACTORS) cookies.set(name, name === "anonymous" ? undefined : await signIn(name, DEMO_PASSWORD));
}, 120_000);

afterAll(async () => {
  await handle?.close();
  if (storeDir) rmSync(storeDir, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------------------ helpers

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

const textOf = (result: RouteResult) => (typeof result.data === "string" ? result.data : JSON.stringify(result.data));

function stringParams(params: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}

function classifyRead(result: RouteResult): ReadOutcome | string {
  if (result.status === 200) return "ok";
  if (result.status >= 300 && result.status < 400) return result.location?.startsWith("/login") ? "login" : "redirect";
  if (result.status === 403) return "forbidden";
  if (result.status === 404) return "hidden";
  return `status ${result.status}: ${textOf(result).slice(0, 200)}`;
}

function classifyWrite(result: RouteResult, okLocation?: RegExp): WriteOutcome | string {
  if (result.status >= 200 && result.status < 300) return "ok";
  if (result.status >= 300 && result.status < 400) {
    if (okLocation && result.location && okLocation.test(result.location)) return "ok";
    return result.location?.startsWith("/login") ? "login" : "ok";
  }
  if (result.status === 403) return "forbidden";
  if (result.status === 404) return "hidden";
  if (result.status >= 400 && result.status < 500) return "rejected";
  return `status ${result.status}: ${textOf(result).slice(0, 200)}`;
}

const FILE_SIGNATURE: Record<DownloadKind, RegExp> = {
  pdf: /^%PDF-/,
  zip: /^PK/,
  json: /^\s*[[{]/,
  jpeg: /JFIF/,
  png: /^.PNG/,
};

function get(row: ReadRow, actor: ActorName) {
  const params = row.params?.(world.f) ?? {};
  return load(ROUTES[row.module], { path: pathOf(row.module, params), params: stringParams(params), cookie: cookies.get(actor) });
}

function post(module: ModuleName, params: Record<string, number>, body: Body, cookie: string | undefined) {
  const route = ROUTES[module];
  const at = { path: pathOf(module, params), params: stringParams(params), cookie };
  if ("form" in body) return act(route, { ...at, form: body.form });
  if ("json" in body) return send(route, { ...at, body: JSON.stringify(body.json), contentType: "application/json" });
  if (!("upload" in body)) return send(route, { ...at, body: new URLSearchParams(body.fields) });
  const form = new FormData();
  for (const [key, value] of Object.entries(body.fields ?? {})) form.append(key, value);
  const { field, name, type, content } = body.upload;
  form.append(field, new File([typeof content === "string" ? content : new Uint8Array(content)], name, { type }));
  return send(route, { ...at, body: form });
}

/**
 * The fingerprint of the database as the last check left it, so a run of requests that must not
 * write costs one fingerprint each; forgotten whenever a request may have written.
 */
let lastPrint: Fingerprint | null = null;

async function printBefore(): Promise<Fingerprint> {
  const print = lastPrint ?? (await fingerprint(handle.db));
  lastPrint = null;
  return print;
}

async function changedSince(before: Fingerprint): Promise<string[]> {
  const after = await fingerprint(handle.db);
  lastPrint = after;
  return changedTables(before, after);
}

// ------------------------------------------------------------------------------------------ 1. inventory

/** The intents a route module's action tells apart, as its source names them. */
function intentsIn(source: string): string[] {
  const patterns = [/case "([^"]+)":/g, /intent === "([^"]+)"/g, /name="intent" value="([^"]+)"/g, /setValue\("intent", "([^"]+)"\)/g, /intent: z\.literal\("([^"]+)"\)/g];
  const found = new Set<string>();
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.add(match[1]);
  return [...found].sort();
}

describe("inventory", () => {
  it("every route module with a loader has a read row, and every action (each intent) a write row", async () => {
    const dir = path.resolve("app/routes");
    const files = readdirSync(dir).filter((f) => f.endsWith(".tsx")).map((f) => f.slice(0, -".tsx".length));
    expect(files.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const file of files) {
      const known = (ROUTES as Record<string, { loader?: unknown; action?: unknown }>)[file];
      const module = known ?? ((await import(path.join(dir, `${file}.tsx`))) as { loader?: unknown; action?: unknown });
      if (!module.loader && !module.action) continue;
      if (!known) {
        missing.push(`${file}: not in ROUTES`);
        continue;
      }
      if (module.loader && !READS.some((r) => r.module === file)) missing.push(`${file}: loader without a read row`);
      if (!module.action) {
        if (WRITES.some((r) => r.module === file)) missing.push(`${file}: write rows but no action`);
        continue;
      }
      const intents = intentsIn(readFileSync(path.join(dir, `${file}.tsx`), "utf8"));
      const rows = WRITES.filter((r) => r.module === file);
      if (rows.length === 0) missing.push(`${file}: action without a write row`);
      for (const intent of intents) if (!rows.some((r) => r.intent === intent)) missing.push(`${file}: intent "${intent}" without a write row`);
      for (const row of rows) if (row.intent && !intents.includes(row.intent)) missing.push(`${file}: row for unknown intent "${row.intent}"`);
    }
    for (const name of Object.keys(ROUTES)) if (!files.includes(name)) missing.push(`${name}: in ROUTES but no such file`);
    expect(missing).toEqual([]);
  });

  it("each table entry is the route module of its file", async () => {
    for (const [name, module] of Object.entries(ROUTES)) {
      const loaded = (await import(path.resolve("app/routes", `${name}.tsx`))) as { loader?: unknown; action?: unknown };
      expect(loaded.loader, name).toBe((module as { loader?: unknown }).loader);
      expect(loaded.action, name).toBe((module as { action?: unknown }).action);
    }
  });

  it("finds the intents of a route module as its source names them", () => {
    const source = readFileSync(path.resolve("app/routes/notices.$noticeId.tsx"), "utf8");
    expect(intentsIn(source)).toEqual(["discard", "issue", "recompose", "save"]);
    expect(pathOf("notices.$noticeId_.remediation[.]pdf", { noticeId: 12 })).toBe("/notices/12/remediation.pdf");
    expect(pathOf("_index")).toBe("/");
    expect(pathOf("plans.$planId_.edit", { planId: 3 })).toBe("/plans/3/edit");
  });
});

// ------------------------------------------------------------------------------------------ 2 + 5. reads by URL; no GET writes

/** What is wrong with a read's answer beyond its outcome: a refusal must be a Vietnamese message, never the data or the file. */
function readProblems(row: ReadRow, actor: ActorName, result: RouteResult): string[] {
  const outcome = row.expect[actor];
  const problems: string[] = [];
  if (outcome === "forbidden" || outcome === "hidden") {
    const text = typeof result.data === "string" ? result.data : "";
    if (typeof result.data !== "string") problems.push(`${actor}: refusal carries data ${textOf(result).slice(0, 80)}`);
    else if (!VIETNAMESE.test(text) || !(outcome === "forbidden" ? (row.refusal ?? /quyền/) : /quyền|Không tìm thấy/).test(text)) {
      problems.push(`${actor}: refusal says "${text.slice(0, 80)}"`);
    }
    if (/^(%PDF|PK)|hdnd-supervision/.test(text)) problems.push(`${actor}: refusal carries the file`);
  }
  if (outcome === "ok" && row.file && classifyRead(result) === "ok" && !FILE_SIGNATURE[row.file].test(String(result.data))) {
    problems.push(`${actor}: not a ${row.file} file`);
  }
  return problems;
}

const title = (row: { module: string; intent?: string; name: string }) => `${row.module}${row.intent ? ` [${row.intent}]` : ""} — ${row.name}`;

describe("reads by URL: every actor gets the answer of the table, and no GET writes", () => {
  it.each(READS.map((row) => ({ ...row, title: title(row) })))("GET $title", async (row) => {
    const materialises = MATERIALISING_GETS[row.module];
    const actual = {} as Record<ActorName, string>;
    const problems: string[] = [];
    let before = await printBefore();
    for (const actor of ACTORS) {
      const result = await get(row, actor);
      actual[actor] = classifyRead(result);
      problems.push(...readProblems(row, actor, result));
      if (materialises) {
        // An allowed GET that derives rows may write them once, in those tables only; the same GET again writes nothing.
        const allowed = actual[actor] === "ok" ? materialises : [];
        const unexpected = (await changedSince(before)).filter((table) => !allowed.includes(table));
        if (unexpected.length > 0) problems.push(`${actor}: the GET wrote ${unexpected.join(", ")}`);
        if (actual[actor] === "ok") {
          before = await printBefore();
          await get(row, actor);
          const second = await changedSince(before);
          if (second.length > 0) problems.push(`${actor}: the second GET wrote ${second.join(", ")}`);
        }
        before = await printBefore();
      }
    }
    // One comparison, so a failure shows every actor's answer and what was written at once.
    const written = await changedSince(before);
    expect({ outcomes: actual, problems, written }).toEqual({ outcomes: row.expect, problems: [], written: [] });
  });
});

// ------------------------------------------------------------------------------------------ 3. writes by URL

async function cookieFor(row: WriteRow, actor: ActorName) {
  if (!row.freshSession || actor === "anonymous") return cookies.get(actor);
  return signIn(actor, DEMO_PASSWORD);
}

describe("writes by URL: allowed actors pass, refused ones are told so and write nothing", () => {
  it.each(WRITES.map((row) => ({ ...row, title: title(row) })))("POST $title", async (row) => {
    const actual = {} as Record<ActorName, string>;
    const problems: string[] = [];
    // Signed in before the fingerprints: a fresh session is not the write under test.
    const rowCookies = new Map<ActorName, string | undefined>();
    for (const actor of ACTORS) rowCookies.set(actor, await cookieFor(row, actor));
    if (row.freshSession) lastPrint = null;
    const attempt = async (actor: ActorName) => {
      const body = await row.body(world, actor);
      const result = await post(row.module, row.params?.(world.f) ?? {}, body, rowCookies.get(actor));
      actual[actor] = classifyWrite(result, row.okLocation);
      const text = textOf(result);
      if (row.expect[actor] === "ok") {
        if (/"errors":/.test(text)) problems.push(`${actor}: allowed, but answered ${text.slice(0, 120)}`);
      } else if (row.expect[actor] !== "login" && (!VIETNAMESE.test(text) || /"ok":/.test(text))) {
        // Refused or rejected by a rule: told why in Vietnamese, never "done".
        problems.push(`${actor}: answered ${text.slice(0, 120)}`);
      }
    };
    // Those who may not write go first, while the objects they aim at are still there; together they write nothing.
    const before = await printBefore();
    for (const actor of ACTORS.filter((a) => row.expect[a] !== "ok")) await attempt(actor);
    const changed = await changedSince(before);
    // Each allowed attempt really writes (a 200 that did nothing would hide a refusal), unless the row says why not.
    for (const actor of ACTORS.filter((a) => row.expect[a] === "ok")) {
      const start = await printBefore();
      await attempt(actor);
      const wrote = (await changedSince(start)).length > 0;
      const noop = row.noop === true || (row.noop?.includes(actor) ?? false);
      if (wrote === noop) problems.push(`${actor}: allowed, and ${wrote ? "wrote although it should not" : "wrote nothing"}`);
    }
    expect({ outcomes: actual, problems, writtenByRefused: changed }).toEqual({ outcomes: row.expect, problems: [], writtenByRefused: [] });
  });
});

// ------------------------------------------------------------------------------------------ 4. form-field tampering

describe("form-field tampering: an id the actor may not touch is refused and changes nothing", () => {
  it.each(TAMPERING.map((row) => ({ ...row, title: `${title(row)}, as ${row.actor}` })))("POST $title", async (row: TamperRow) => {
    const body = await row.body(world);
    const before = await printBefore();
    const result = await post(row.module, row.params?.(world.f) ?? {}, body, cookies.get(row.actor));
    const changed = await changedSince(before);
    expect(classifyWrite(result)).toBe(row.expect);
    expect(textOf(result)).toMatch(row.message);
    expect(changed).toEqual([]);
  });
});

describe("ids in filters and hidden fields", () => {
  it("a filter naming another ward's plan or unit shows nothing of it", async () => {
    const cookie = cookies.get("trang.ttt");
    const tracker = await load(trackerPage, { path: `/recommendations?planId=${world.f.diAnPlan}`, cookie });
    expect(tracker.status).toBe(200);
    expect((tracker.data as { tracker: { total: number; rows: unknown[] } }).tracker.rows).toEqual([]);
    const plans = await load(plansIndex, { path: `/plans?unitId=${world.f.ubndDiAn}`, cookie });
    expect(plans.status).toBe(200);
    expect((plans.data as { plans: unknown[] }).plans).toEqual([]);
    // The same filters as Dĩ An's own committee: its rows are there, so the empty lists above are the scope at work.
    const own = await load(trackerPage, { path: `/recommendations?planId=${world.f.diAnPlan}`, cookie: cookies.get("tt.dian") });
    expect((own.data as { tracker: { rows: unknown[] } }).tracker.rows.length).toBeGreaterThan(0);
  });

  it("a password change with another user's id in the form changes the signed-in user's password only", async () => {
    const cookie = await signIn("ubnd.phochau", DEMO_PASSWORD);
    const hashes = async () =>
      Object.fromEntries((await handle.db.select({ username: users.username, hash: users.passwordHash }).from(users)).map((u) => [u.username, u.hash]));
    const before = await hashes();
    lastPrint = null;
    const result = await act(accountPassword, {
      path: "/account/password",
      cookie,
      form: { current: DEMO_PASSWORD, password: "MatKhauMoi@2025", confirm: "MatKhauMoi@2025", userId: world.f.user.quantri, id: world.f.user.quantri },
    });
    expect(result.status).toBe(200);
    const after = await hashes();
    expect(Object.keys(after).filter((name) => after[name] !== before[name])).toEqual(["ubnd.phochau"]);
    const [quantri] = await handle.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, world.f.user.quantri));
    expect(quantri.hash).toBe(before.quantri);
  });
});
