/**
 * Every demo role against the findings page (loader and every kind of post), on the demo data:
 * the expected answer comes from one table, and a refused write leaves the database as it was.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, rowsOf } from "#db/client";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { makeFinding, makeRecommendation } from "#tests/factories";
import { freshDatabase } from "#tests/support/database";
import { type FindingsFixture, findingsFixture } from "#tests/support/findings-fixture";
import { act, load, signIn } from "#tests/support/requests";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import * as findingsPage from "~/routes/visits.$visitId_.findings";

const ACTORS = ["anonymous", "quantri", "trang.ttt", "tt.dian", "nhung.vt", "hung.nv", "ubnd.binhan", "motcua.binhan", "ubnd.phochau"] as const;
type ActorName = (typeof ACTORS)[number];
type Outcome = "ok" | "forbidden" | "login" | "conflict";

let handle: DatabaseHandle;
let fx: FindingsFixture;
const cookies = new Map<ActorName, string | undefined>();
/** Findings made for each actor's own delete and merge, so an allowed write never meets another's. */
const own = new Map<ActorName, { deletable: number; mergeA: number; mergeB: number; recommendations: number[] }>();
let oldShortcoming: { id: number; revision: number };

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  fx = await findingsFixture(handle.db);
  for (const [index, name] of ACTORS.entries()) {
    const make = async (kind: "achievement" | "shortcoming", text: string) =>
      (await makeFinding(handle.db, { visitId: fx.visitId, kind, text: `${text} (${name})`, position: index * 3 })).id;
    const recommend = async (text: string) =>
      (await makeRecommendation(handle.db, { visitId: fx.visitId, addressedUnitId: fx.ubndBinhAnId, text: `${text} (${name})`, deadline: addDays(vietnamDate(), 30), position: index * 2 })).id;
    own.set(name, {
      deletable: await make("achievement", "Để xóa"),
      mergeA: await make("shortcoming", "Gộp A"),
      mergeB: await make("shortcoming", "Gộp B"),
      recommendations: [await recommend("Kiến nghị gộp A"), await recommend("Kiến nghị gộp B")],
    });
    cookies.set(name, name === "anonymous" ? undefined : await signIn(name, DEMO_PASSWORD));
  }
  const [row] = rowsOf<{ id: number; revision: number }>(
    await handle.db.execute(sql`select id, revision from findings where visit_id = ${fx.oldVisitId} and kind = 'shortcoming' order by id limit 1`),
  );
  oldShortcoming = row;
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

/** The plan's team (nhung.vt) and the ward's standing committee (trang.ttt) only. */
const TEAM_ONLY: Record<ActorName, Outcome> = {
  anonymous: "login",
  quantri: "forbidden",
  "trang.ttt": "ok",
  "tt.dian": "forbidden",
  "nhung.vt": "ok",
  "hung.nv": "forbidden",
  "ubnd.binhan": "forbidden",
  "motcua.binhan": "forbidden",
  "ubnd.phochau": "forbidden",
};

function classify(result: { status: number; location: string | null }): Outcome | string {
  if (result.status === 200) return "ok";
  if (result.status === 403) return "forbidden";
  if (result.status === 409) return "conflict";
  if (result.status === 302 && result.location?.startsWith("/login")) return "login";
  return `status ${result.status}`;
}

const visitPath = (id: number) => ({ path: `/visits/${id}/findings`, params: { visitId: String(id) } });

const READS: { name: string; visit: () => number }[] = [
  { name: "findings of this year's Bình An visit", visit: () => fx.visitId },
  { name: "findings of the concluded seed-001 visit", visit: () => fx.oldVisitId },
];

describe.each(READS)("GET $name", (c) => {
  it.each(ACTORS)("as %s", async (actor) => {
    const result = await load(findingsPage, { ...visitPath(c.visit()), cookie: cookies.get(actor) });
    expect(classify(result)).toBe(TEAM_ONLY[actor]);
    if (TEAM_ONLY[actor] === "forbidden") {
      expect(typeof result.data).toBe("string");
      expect(String(result.data)).toMatch(/quyền/);
    }
    if (TEAM_ONLY[actor] === "ok") expect((result.data as { visit: { id: number } }).visit.id).toBe(c.visit());
  });
});

async function snapshot() {
  const [row] = rowsOf<Record<string, string>>(
    await handle.db.execute(sql`select (select md5(coalesce(string_agg(f::text, ',' order by id), '')) from findings f) as findings,
               (select md5(coalesce(string_agg(c::text, ',' order by id), '')) from finding_citations c) as citations,
               (select md5(coalesce(string_agg(r::text, ',' order by id), '')) from recommendations r) as recommendations,
               (select md5(coalesce(string_agg(l::text, ',' order by recommendation_id, finding_id), '')) from recommendation_findings l) as links,
               (select count(*) from audit_log)::text as audit`),
  );
  return row;
}

type Write = { name: string; visit: () => number; form: (actor: ActorName) => Record<string, unknown>; expect: Record<ActorName, Outcome> };

const WRITES: Write[] = [
  {
    name: "add a shortcoming citing the visit's photo",
    visit: () => fx.visitId,
    form: (actor) => ({ intent: "finding.create", kind: "shortcoming", causeKind: null, parentId: null, text: `Tồn tại của ${actor}`, itemIds: [], figureIds: [], attachmentIds: [fx.photo] }),
    expect: TEAM_ONLY,
  },
  {
    name: "edit a finding",
    visit: () => fx.visitId,
    form: (actor) => ({ intent: "finding.update", id: own.get(actor)!.mergeA, revision: 1, text: `Đã sửa bởi ${actor}` }),
    expect: TEAM_ONLY,
  },
  {
    name: "cite the visit's figure",
    visit: () => fx.visitId,
    form: (actor) => ({ intent: "citation.add", findingId: own.get(actor)!.deletable, target: "figure", targetId: fx.figure }),
    expect: TEAM_ONLY,
  },
  {
    name: "move a finding down",
    visit: () => fx.visitId,
    form: (actor) => ({ intent: "finding.move", id: own.get(actor)!.mergeB, direction: "down" }),
    expect: TEAM_ONLY,
  },
  {
    name: "merge two shortcomings",
    visit: () => fx.visitId,
    form: (actor) => ({ intent: "finding.merge", ids: [own.get(actor)!.mergeA, own.get(actor)!.mergeB] }),
    expect: TEAM_ONLY,
  },
  {
    name: "delete a finding",
    visit: () => fx.visitId,
    form: (actor) => ({ intent: "finding.delete", id: own.get(actor)!.deletable, revision: 1 }),
    expect: TEAM_ONLY,
  },
  {
    name: "add a recommendation to UBND phường Bình An",
    visit: () => fx.visitId,
    form: (actor) => ({
      intent: "recommendation.create",
      addressedUnitId: fx.ubndBinhAnId,
      addressedRole: "Chủ tịch UBND phường",
      text: `Kiến nghị của ${actor}`,
      deadline: addDays(vietnamDate(), 30),
      findingIds: [],
    }),
    expect: TEAM_ONLY,
  },
  {
    name: "merge two draft recommendations",
    visit: () => fx.visitId,
    form: (actor) => ({ intent: "recommendation.merge", ids: own.get(actor)!.recommendations }),
    expect: TEAM_ONLY,
  },
  {
    name: "edit a finding of the concluded seed-001 visit",
    visit: () => fx.oldVisitId,
    form: () => ({ intent: "finding.update", id: oldShortcoming.id, revision: oldShortcoming.revision, text: "Sửa sau khi ban hành" }),
    expect: { ...TEAM_ONLY, "trang.ttt": "conflict", "nhung.vt": "conflict" },
  },
];

describe.each(WRITES)("POST $name", (w) => {
  it.each(ACTORS)("as %s", async (actor) => {
    const before = await snapshot();
    const result = await act(findingsPage, { ...visitPath(w.visit()), cookie: cookies.get(actor), form: w.form(actor) });
    expect(classify(result)).toBe(w.expect[actor]);
    if (w.expect[actor] === "ok") {
      expect((result.data as { ok?: string }).ok).toMatch(/^Đã /);
      expect(await snapshot()).not.toEqual(before);
    } else {
      // Refused (the signed-out are sent to sign in): a message, and the database exactly as it was.
      if (w.expect[actor] !== "login") expect(JSON.stringify(result.data)).toMatch(/quyền|ban hành/);
      expect(await snapshot()).toEqual(before);
    }
  });
});
