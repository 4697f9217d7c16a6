/**
 * Every demo role against the supervision file routes: the download of a visit and the import page.
 * A refused import leaves the database as it was.
 */
import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, rowsOf } from "#db/client";
import { supervisionPlans, units, visits } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { freshDatabase } from "#tests/support/database";
import { load, send, signIn } from "#tests/support/requests";
import * as importPage from "~/routes/supervisions.import";
import * as exportRoute from "~/routes/visits.$visitId_.export";

const ACTORS = [
  "anonymous",
  "quantri",
  "trang.ttt",
  "an.bd",
  "tt.dian",
  "tt.phochau",
  "nhung.vt",
  "hung.nv",
  "ubnd.binhan",
  "motcua.binhan",
  "ubnd.phochau",
] as const;
type ActorName = (typeof ACTORS)[number];
type Outcome = "ok" | "forbidden" | "not found" | "login" | "refused" | "imported";

let handle: DatabaseHandle;
const cookies = new Map<ActorName, string | undefined>();
const ids: Record<string, number> = {};

async function visitOf(councilName: string, where: ReturnType<typeof eq>) {
  const [row] = await handle.db
    .select({ id: visits.id })
    .from(visits)
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
    .innerJoin(units, eq(units.id, supervisionPlans.issuingUnitId))
    .where(and(eq(units.name, councilName), where));
  return row.id;
}

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  ids.visit05 = await visitOf("HĐND phường Bình An", eq(supervisionPlans.number, 5));
  ids.visitDiAn = await visitOf("HĐND phường Dĩ An", eq(supervisionPlans.status, "concluded"));
  for (const name of ACTORS) cookies.set(name, name === "anonymous" ? undefined : await signIn(name, DEMO_PASSWORD));
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

function classify(result: { status: number; location: string | null }): Outcome | string {
  if (result.status === 200) return "ok";
  if (result.status === 403) return "forbidden";
  if (result.status === 404) return "not found";
  if (result.status === 400) return "refused";
  if (result.status === 302 && result.location?.startsWith("/login")) return "login";
  if (result.status === 302 && result.location?.startsWith("/supervisions/import?plan=")) return "imported";
  return `status ${result.status}`;
}

const NO_ENTRY: Record<ActorName, Outcome> = {
  anonymous: "login",
  quantri: "forbidden",
  "trang.ttt": "forbidden",
  "an.bd": "forbidden",
  "tt.dian": "forbidden",
  "tt.phochau": "forbidden",
  "nhung.vt": "forbidden",
  "hung.nv": "forbidden",
  "ubnd.binhan": "forbidden",
  "motcua.binhan": "forbidden",
  "ubnd.phochau": "forbidden",
};

const READS: { name: string; route: Parameters<typeof load>[0]; path: () => string; params?: () => Record<string, string>; expect: Record<ActorName, Outcome> }[] = [
  {
    name: "download of the seed-001 visit of Bình An",
    route: exportRoute,
    path: () => `/visits/${ids.visit05}/export`,
    params: () => ({ visitId: String(ids.visit05) }),
    expect: { ...NO_ENTRY, "trang.ttt": "ok", "an.bd": "ok", "tt.dian": "not found", "tt.phochau": "not found", "nhung.vt": "ok", "hung.nv": "not found" },
  },
  {
    name: "download of a Dĩ An visit",
    route: exportRoute,
    path: () => `/visits/${ids.visitDiAn}/export`,
    params: () => ({ visitId: String(ids.visitDiAn) }),
    expect: { ...NO_ENTRY, "trang.ttt": "not found", "an.bd": "not found", "tt.dian": "ok", "tt.phochau": "not found", "nhung.vt": "not found", "hung.nv": "ok" },
  },
  {
    name: "download of a visit that does not exist",
    route: exportRoute,
    path: () => "/visits/999999/export",
    params: () => ({ visitId: "999999" }),
    expect: { ...NO_ENTRY, "trang.ttt": "not found", "an.bd": "not found", "tt.dian": "not found", "tt.phochau": "not found", "nhung.vt": "not found", "hung.nv": "not found" },
  },
  {
    name: "import page",
    route: importPage,
    path: () => "/supervisions/import",
    expect: { ...NO_ENTRY, "trang.ttt": "ok", "an.bd": "ok", "tt.dian": "ok", "tt.phochau": "ok" },
  },
];

describe.each(READS)("GET $name", (c) => {
  it.each(ACTORS)("as %s", async (actor) => {
    const result = await load(c.route, { path: c.path(), params: c.params?.(), cookie: cookies.get(actor) });
    expect(classify(result)).toBe(c.expect[actor]);
    if (c.expect[actor] === "forbidden" || c.expect[actor] === "not found") {
      // A refusal carries a message, never the file.
      expect(typeof result.data).toBe("string");
      expect(String(result.data)).toMatch(/quyền|Không tìm thấy/);
      expect(String(result.data)).not.toContain("hdnd-supervision");
    }
    if (c.route === exportRoute && c.expect[actor] === "ok") {
      expect(JSON.parse(String(result.data))).toMatchObject({ format: "hdnd-supervision", version: 1 });
    }
  });
});

async function snapshot() {
  const [row] = rowsOf<Record<string, string>>(
    await handle.db.execute(sql`select (select count(*) from supervision_plans)::text as plans,
               (select count(*) from visits)::text as visits,
               (select count(*) from findings)::text as findings,
               (select count(*) from conclusion_notices)::text as notices,
               (select md5(string_agg(d::text, ',' order by issuing_unit_id, year, document_type)) from document_series d) as series,
               (select count(*) from audit_log)::text as audit`),
  );
  return row;
}

/** Seed 001 as the example file has it, without a plan number so the Bình An council may take it in. */
function binhAnUpload(): FormData {
  const file = JSON.parse(readFileSync("templates/examples/binh-an.json", "utf8")) as { plan: Record<string, unknown> };
  const form = new FormData();
  form.append("file", new File([JSON.stringify({ ...file, plan: { ...file.plan, number: null } })], "binh-an.json", { type: "application/json" }));
  return form;
}

const IMPORT: Record<ActorName, Outcome> = {
  ...NO_ENTRY,
  "trang.ttt": "imported",
  "an.bd": "imported",
  // A committee of another area does not find Bình An's UBND among its units.
  "tt.dian": "refused",
  "tt.phochau": "refused",
};

describe("POST the Bình An file to the import page", () => {
  it.each(ACTORS)("as %s", async (actor) => {
    const before = await snapshot();
    const result = await send(importPage, { path: "/supervisions/import", cookie: cookies.get(actor), body: binhAnUpload() });
    expect(classify(result)).toBe(IMPORT[actor]);
    const after = await snapshot();
    if (IMPORT[actor] === "imported") {
      expect(Number(after.plans)).toBe(Number(before.plans) + 1);
      expect(Number(after.notices)).toBe(Number(before.notices) + 1);
    } else {
      expect(after).toEqual(before);
    }
    if (IMPORT[actor] === "refused") {
      expect((result.data as { problems: string[] }).problems.join(" ")).toMatch(/Không tìm thấy đơn vị được giám sát “UBND phường Bình An”/);
    }
  });
});
