/**
 * Bad input, property-based: the remediation follow-up. The recommendation page's four forms (the
 * unit's report and extension request, the committee's review and extension decision) and the
 * unit's Báo cáo kết quả khắc phục (preview, issue) are native forms: their values are plain text,
 * not JSON, so the hostile values arrive as a tampering browser would send them.
 */
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { extensionRequests, recommendations, remediationReports, units } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { freshDatabase } from "#tests/support/database";
import { type HostileFormCase, assertHostileForms, postAndJudge, talliesReport } from "#tests/support/hostile-values";
import { signIn } from "#tests/support/requests";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import * as remediationDocument from "~/routes/notices.$noticeId_.remediation";
import * as recommendationPage from "~/routes/recommendations.$recommendationId";
import { setVietnameseZodMessages } from "~/schemas/zod-vietnamese";

const RUNS = 20;

let handle: DatabaseHandle;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  setVietnameseZodMessages();
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  const db = handle.db;
  const [committee] = await db.select().from(units).where(eq(units.name, "UBND phường Bình An"));
  // Seed 001's open recommendations to UBND phường Bình An (12/TB-HĐND): one for reports, one for extensions.
  const open = await db
    .select()
    .from(recommendations)
    .where(and(eq(recommendations.addressedUnitId, committee.id), isNotNull(recommendations.noticeId)))
    .orderBy(recommendations.position);
  const [returned, inProgress] = open.filter((rec) => rec.status !== "accepted");
  ids.reportRec = returned.id;
  ids.extensionRec = inProgress.id;
  ids.notice = returned.noticeId!;
  for (const name of ["trang.ttt", "ubnd.binhan"]) cookies[name] = await signIn(name, DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  console.info(talliesReport());
  await handle?.close();
});

const today = vietnamDate();

function onRecommendation(recId: number, who: string, intent: string, base: () => Promise<Record<string, unknown>> | Record<string, unknown>): HostileFormCase {
  return {
    name: `recommendations.$recommendationId ${intent}`,
    route: recommendationPage,
    path: `/recommendations/${recId}`,
    params: { recommendationId: String(recId) },
    cookie: cookies[who],
    encoding: "plain",
    base,
  };
}

async function latestReport(recId: number) {
  const [row] = await handle.db.select().from(remediationReports).where(eq(remediationReports.recommendationId, recId)).orderBy(desc(remediationReports.id)).limit(1);
  return row;
}

async function latestExtension(recId: number) {
  const [row] = await handle.db.select().from(extensionRequests).where(eq(extensionRequests.recommendationId, recId)).orderBy(desc(extensionRequests.id)).limit(1);
  return row;
}

describe("hostile remediation forms", { timeout: 180_000 }, () => {
  it("the unit reports, the committee returns the report", async () => {
    const report = onRecommendation(ids.reportRec, "ubnd.binhan", "report", () => ({
      intent: "report",
      progress: "in_progress",
      content: "Đã giao Trung tâm Phục vụ hành chính công rà soát, cập nhật bảng niêm yết.",
    }));
    expect((await postAndJudge(handle.db, report, await report.base())).refused).toBe(false);
    await assertHostileForms(handle.db, report, RUNS);

    // Returned, never accepted: an accepted recommendation is closed for good and the other runs would only be refused.
    const review = onRecommendation(ids.reportRec, "trang.ttt", "review", async () => ({
      intent: "review",
      reportId: String((await latestReport(ids.reportRec)).id),
      decision: "return",
      note: "Đề nghị bổ sung ảnh chụp bảng niêm yết.",
    }));
    await assertHostileForms(handle.db, review, RUNS);
    expect((await latestReport(ids.reportRec)).review).not.toBe("accepted");
  });

  it("the unit asks for an extension, the committee refuses it", async () => {
    const ask = onRecommendation(ids.extensionRec, "ubnd.binhan", "extension", () => ({
      intent: "extension",
      requestedDeadline: addDays(today, 60),
      reason: "Cần thêm kinh phí thay bảng niêm yết.",
    }));
    await assertHostileForms(handle.db, ask, RUNS);
    if ((await latestExtension(ids.extensionRec))?.status !== "pending") {
      expect((await postAndJudge(handle.db, ask, await ask.base())).refused).toBe(false);
    }
    const decide = onRecommendation(ids.extensionRec, "trang.ttt", "decide-extension", async () => ({
      intent: "decide-extension",
      requestId: String((await latestExtension(ids.extensionRec)).id),
      decision: "refuse",
      grantedDeadline: "",
      note: "Chưa nêu rõ nguồn kinh phí.",
    }));
    await assertHostileForms(handle.db, decide, RUNS);
  });

  it("an unknown intent", async () => {
    const c = onRecommendation(ids.reportRec, "ubnd.binhan", "other", () => ({ intent: "delete-everything", id: "1" }));
    await assertHostileForms(handle.db, c, 10);
  });
});

describe("hostile Báo cáo kết quả khắc phục", { timeout: 180_000 }, () => {
  for (const intent of ["preview", "issue"]) {
    it(intent, async () => {
      const c: HostileFormCase = {
        name: `notices.$noticeId_.remediation ${intent}`,
        route: remediationDocument,
        path: `/notices/${ids.notice}/remediation`,
        params: { noticeId: String(ids.notice) },
        cookie: cookies["ubnd.binhan"],
        encoding: "plain",
        base: () => ({ intent, authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "Lê Minh Tuấn", recipients: "Thường trực HĐND phường;\nLưu: VT." }),
      };
      expect((await postAndJudge(handle.db, c, await c.base())).refused).toBe(false);
      await assertHostileForms(handle.db, c, RUNS);
    });
  }
});
