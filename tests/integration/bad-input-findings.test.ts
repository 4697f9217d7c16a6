/**
 * Bad input, property-based: the team's work on this year's Bình An visit as a team member
 * (nhung.vt): every intent of the findings page, the carried recommendations' form, the tablet's
 * JSON answers endpoint (broken, truncated and mislabelled bodies too) and its photo upload
 * (multipart), each with hostile values (tests/support/hostile-values.ts).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, desc, eq, isNull } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { carriedRecommendations, findingCitations, findings, recommendations } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { makeFinding, makeRecommendation } from "#tests/factories";
import { freshDatabase } from "#tests/support/database";
import { type FindingsFixture, findingsFixture } from "#tests/support/findings-fixture";
import {
  type HostileFormCase,
  assertHostileForms,
  assertHostileJson,
  bodyFor,
  checkAttacks,
  hostileText,
  postAndJudge,
  rawEncoding,
  talliesReport,
} from "#tests/support/hostile-values";
import { send, signIn } from "#tests/support/requests";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import * as answersRoute from "~/routes/visits.$visitId.answers";
import * as carriedRoute from "~/routes/visits.$visitId.carried";
import * as photosRoute from "~/routes/visits.$visitId.photos";
import * as findingsRoute from "~/routes/visits.$visitId_.findings";
import { setVietnameseZodMessages } from "~/schemas/zod-vietnamese";
import { LocalDiskStore, setAttachmentStoreForTests } from "~/storage/attachment-store.server";

const RUNS = 15;

let handle: DatabaseHandle;
let fx: FindingsFixture;
let cookie: string;
let attachmentsDir: string;
const today = vietnamDate();

beforeAll(async () => {
  setVietnameseZodMessages();
  attachmentsDir = mkdtempSync(path.join(tmpdir(), "bad-input-photos-"));
  setAttachmentStoreForTests(new LocalDiskStore(attachmentsDir));
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  fx = await findingsFixture(handle.db);
  cookie = await signIn("nhung.vt", DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  console.info(talliesReport());
  await handle?.close();
  if (attachmentsDir) rmSync(attachmentsDir, { recursive: true, force: true });
});

/** The visit's findings of a kind, newest first; two are made when fewer exist (deletes and merges use them up). */
async function latestFindings(kind: "achievement" | "shortcoming" = "achievement") {
  const list = () =>
    handle.db
      .select()
      .from(findings)
      .where(and(eq(findings.visitId, fx.visitId), eq(findings.kind, kind)))
      .orderBy(desc(findings.id));
  let rows = await list();
  while (rows.length < 2) {
    await makeFinding(handle.db, { visitId: fx.visitId, kind, text: `Kết quả số ${rows.length + 1}`, position: 100 + rows.length });
    rows = await list();
  }
  return rows;
}

/** The visit's draft recommendations to the one-stop shop without a role, newest first; two at least (merges need one unit and role). */
async function latestDrafts() {
  const list = () =>
    handle.db
      .select()
      .from(recommendations)
      .where(and(eq(recommendations.visitId, fx.visitId), isNull(recommendations.noticeId), eq(recommendations.addressedUnitId, fx.oneStopId), eq(recommendations.addressedRole, "")))
      .orderBy(desc(recommendations.id));
  let rows = await list();
  while (rows.length < 2) {
    await makeRecommendation(handle.db, { visitId: fx.visitId, addressedUnitId: fx.oneStopId, text: `Kiến nghị số ${rows.length + 1}`, deadline: addDays(today, 30), position: 100 + rows.length });
    rows = await list();
  }
  return rows;
}

async function latestCitation() {
  const [finding] = await latestFindings();
  const [citation] = await handle.db.select().from(findingCitations).where(eq(findingCitations.findingId, finding.id)).orderBy(desc(findingCitations.id)).limit(1);
  if (citation) return citation.id;
  const [made] = await handle.db.insert(findingCitations).values({ findingId: finding.id, itemId: fx.items.B1 }).returning();
  return made.id;
}

const recommendation = () => ({ addressedUnitId: fx.oneStopId, addressedRole: "Trưởng Bộ phận Một cửa", text: "Bố trí thêm máy quét hồ sơ.", deadline: addDays(today, 45), findingIds: [] as number[] });

function onFindings(intent: string, base: () => Promise<Record<string, unknown>> | Record<string, unknown>): HostileFormCase {
  return {
    baseWrites: true,
    name: `visits.$visitId_.findings ${intent}`,
    route: findingsRoute,
    path: `/visits/${fx.visitId}/findings`,
    params: { visitId: String(fx.visitId) },
    cookie,
    encoding: "json",
    base,
  };
}

/** Each intent of the page and its valid form, built afresh for every run. */
const FINDINGS_INTENTS: [string, () => Promise<Record<string, unknown>> | Record<string, unknown>][] = [
  [
    "finding.create",
    () => ({
      intent: "finding.create",
      kind: "achievement",
      causeKind: null,
      parentId: null,
      text: "Bộ phận Một cửa công khai đầy đủ thủ tục.",
      itemIds: [fx.items.A1],
      figureIds: [fx.figure],
      attachmentIds: [fx.photo],
    }),
  ],
  [
    "finding.create cause",
    async () => ({
      intent: "finding.create",
      kind: "cause",
      causeKind: "objective",
      parentId: (await latestFindings("shortcoming"))[0].id,
      text: "Thiếu kinh phí.",
      itemIds: [],
      figureIds: [],
      attachmentIds: [],
    }),
  ],
  [
    "finding.update",
    async () => {
      const [row] = await latestFindings();
      return { intent: "finding.update", id: row.id, revision: row.revision, text: "Nội dung đã sửa." };
    },
  ],
  ["finding.move", async () => ({ intent: "finding.move", id: (await latestFindings())[0].id, direction: "up" })],
  ["citation.add", async () => ({ intent: "citation.add", findingId: (await latestFindings())[0].id, target: "item", targetId: fx.items.C1 })],
  ["citation.remove", async () => ({ intent: "citation.remove", citationId: await latestCitation() })],
  ["finding.merge", async () => ({ intent: "finding.merge", ids: (await latestFindings()).slice(0, 2).map((row) => row.id) })],
  [
    "finding.delete",
    async () => {
      const [row] = await latestFindings();
      return { intent: "finding.delete", id: row.id, revision: row.revision };
    },
  ],
  ["recommendation.create", () => ({ intent: "recommendation.create", ...recommendation() })],
  [
    "recommendation.update",
    async () => {
      const [row] = await latestDrafts();
      return { intent: "recommendation.update", id: row.id, revision: row.revision, ...recommendation() };
    },
  ],
  ["recommendation.move", async () => ({ intent: "recommendation.move", id: (await latestDrafts())[0].id, direction: "down" })],
  [
    "recommendation.merge",
    async () => {
      const rows = (await latestDrafts()).slice(0, 2);
      return { intent: "recommendation.merge", ids: rows.map((row) => row.id), revisions: rows.map((row) => row.revision) };
    },
  ],
  [
    "recommendation.delete",
    async () => {
      const [row] = await latestDrafts();
      return { intent: "recommendation.delete", id: row.id, revision: row.revision };
    },
  ],
];

describe("hostile forms of the findings page", { timeout: 180_000 }, () => {
  for (const [intent, base] of FINDINGS_INTENTS) {
    it(intent, async () => {
      const c = onFindings(intent, base);
      const valid = await postAndJudge(handle.db, c, await c.base());
      expect(valid.refused, `${c.name}: the valid form is taken ${JSON.stringify(valid.result.data)}`).toBe(false);
      await assertHostileForms(handle.db, c, RUNS);
    });
  }
});

describe("hostile answers from the checklist", { timeout: 180_000 }, () => {
  it("carried recommendations", async () => {
    const [carried] = await handle.db.select().from(carriedRecommendations).where(eq(carriedRecommendations.visitId, fx.visitId)).limit(1);
    expect(carried).toBeDefined();
    const c: HostileFormCase = {
      name: "visits.$visitId.carried",
      route: carriedRoute,
      path: `/visits/${fx.visitId}/carried`,
      params: { visitId: String(fx.visitId) },
      cookie,
      encoding: "json",
      base: async () => {
        const [row] = await handle.db
          .select()
          .from(carriedRecommendations)
          .where(and(eq(carriedRecommendations.visitId, fx.visitId), eq(carriedRecommendations.recommendationId, carried.recommendationId)));
        return { recommendationId: row.recommendationId, value: "not_met", note: "Chưa thay bảng niêm yết.", revision: row.revision };
      },
    };
    expect((await postAndJudge(handle.db, c, await c.base())).refused).toBe(false);
    await assertHostileForms(handle.db, c, RUNS);
  });

  it("the tablet's batch of answers (JSON)", async () => {
    const c: HostileFormCase = {
      name: "visits.$visitId.answers",
      route: answersRoute,
      path: `/visits/${fx.visitId}/answers`,
      params: { visitId: String(fx.visitId) },
      cookie,
      encoding: "json",
      base: () => ({
        edits: [
          { editId: randomUUID(), itemId: fx.items.A1, answeredAt: new Date().toISOString(), baseRevision: 0, value: "not_met", note: "Chưa niêm yết." },
          { editId: randomUUID(), itemId: fx.items.B1, answeredAt: new Date().toISOString(), baseRevision: 0, value: "met", note: "", numberValue: null, textValue: null, figure: null, draftFinding: null },
        ],
      }),
    };
    await assertHostileJson(handle.db, c, 30);
  });

  it("the tablet's photos (multipart)", async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
    const attack = fc.record({
      clientId: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: hostileText }, { weight: 1, arbitrary: rawEncoding }),
      itemId: fc.oneof(fc.constant(String(fx.items.A1)), fc.constant(""), fc.constant(String(fx.foreignItem)), fc.constant("99999999999"), hostileText),
      photo: fc.constantFrom("jpeg", "random", "missing", "text", "empty", "twice"),
      name: fc.oneof(fc.constant("anh.jpg"), hostileText),
      envelope: fc.oneof({ weight: 8, arbitrary: fc.constant("multipart" as const) }, { weight: 1, arbitrary: fc.constantFrom("truncated" as const, "garbage" as const, "untyped" as const, "urlencoded" as const) }),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    const c = { name: "visits.$visitId.photos" };
    await checkAttacks(handle.db, c, attack, async (a) => {
      const form = new FormData();
      form.append("clientId", a.clientId ?? randomUUID());
      form.append("itemId", a.itemId);
      if (a.photo === "jpeg" || a.photo === "twice") form.append("photo", new File([jpeg], a.name, { type: "image/jpeg" }));
      if (a.photo === "twice") form.append("photo", new File([a.bytes as Uint8Array<ArrayBuffer>], a.name, { type: "image/jpeg" }));
      if (a.photo === "random") form.append("photo", new File([a.bytes as Uint8Array<ArrayBuffer>], a.name, { type: "image/jpeg" }));
      if (a.photo === "text") form.append("photo", a.name);
      if (a.photo === "empty") form.append("photo", new File([], a.name, { type: "image/jpeg" }));
      let posted: { body: BodyInit | null; contentType?: string; describe: string } = { body: form, describe: "multipart" };
      if (a.envelope !== "multipart") {
        const entries = [...form.entries()].map(([key, value]) => [key, typeof value === "string" ? value : value.name] as [string, string]);
        posted = await bodyFor(entries, { envelope: a.envelope, cut: a.cut, garbage: a.bytes });
      }
      const result = await send(photosRoute, { path: `/visits/${fx.visitId}/photos`, params: { visitId: String(fx.visitId) }, cookie, body: posted.body as BodyInit, contentType: posted.contentType });
      return { result, what: `[${posted.describe}] ${JSON.stringify({ ...a, bytes: a.bytes.length })}` };
    }, 30);
  });
});
