/**
 * The reminder job on a small locality: a ward with its council (HĐND) and people's committee
 * (UBND), a one-stop shop under the UBND, another ward, and the province council above. Each
 * scenario makes its own recommendations and looks only at them; the days the job "runs" move
 * forward from one scenario to the next.
 */
import { spawn } from "node:child_process";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "#db/client";
import { appSettings, emailOutbox, notifications, recommendations, remindersSent } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { addDays } from "~/domain/deadlines";
import { DEFAULT_FOLLOW_UP_SETTINGS } from "~/domain/follow-up-settings";
import { sendPendingEmails } from "~/mail.server";
import { runReminderJob } from "~/models/reminder.server";
import { saveFollowUpSettings } from "~/models/settings.server";
import { makeNotice, makePlan, makeRecommendation, makeUnit, makeUser, makeVisit } from "#tests/factories";
import { actorFor } from "#tests/support/actors";
import { type TestDatabase, freshDatabase } from "#tests/support/database";
import { testDatabaseKind } from "#tests/support/database-config";
import { readMail, startSmtp } from "#tests/support/smtp";

let handle: TestDatabase;
let admin: Actor;
let visitId: number;
let noticeId: number;
const unit = {} as Record<"ubnd" | "oneStop", number>;
const user = {} as Record<"unitA" | "unitB" | "unitInactive" | "oneStop" | "chair" | "vice" | "otherWard" | "province", number>;

beforeAll(async () => {
  delete process.env.SMTP_URL;
  handle = await freshDatabase();
  const db = handle.db;
  const province = await makeUnit(db, { name: "Tỉnh Thử Nghiệm", kind: "province" });
  const provinceCouncil = await makeUnit(db, { name: "HĐND tỉnh Thử Nghiệm", kind: "people_council", parentId: province.id });
  const ward = await makeUnit(db, { name: "Phường An Thử", kind: "commune", parentId: province.id, placeName: "An Thử" });
  const council = await makeUnit(db, { name: "HĐND phường An Thử", kind: "people_council", parentId: ward.id });
  const ubnd = await makeUnit(db, { name: "UBND phường An Thử", kind: "people_committee", parentId: ward.id });
  const oneStop = await makeUnit(db, { name: "Bộ phận Một cửa phường An Thử", kind: "public_service_center", parentId: ubnd.id });
  const otherWard = await makeUnit(db, { name: "Phường Bên Cạnh", kind: "commune", parentId: province.id });
  const otherCouncil = await makeUnit(db, { name: "HĐND phường Bên Cạnh", kind: "people_council", parentId: otherWard.id });
  unit.ubnd = ubnd.id;
  unit.oneStop = oneStop.id;

  const person = async (username: string, role: "unit" | "committee" | "admin", unitId: number, email?: string) =>
    (await makeUser(db, { username, fullName: username, role, unitId, email })).id;
  user.unitA = await person("ubnd.anthu", "unit", ubnd.id, "ubnd.anthu@example.test");
  user.unitB = await person("vanthu.anthu", "unit", ubnd.id);
  user.unitInactive = await person("cu.anthu", "unit", ubnd.id, "cu@example.test");
  user.oneStop = await person("motcua.anthu", "unit", oneStop.id, "motcua@example.test");
  user.chair = await person("chutich.anthu", "committee", council.id, "chutich@example.test");
  user.vice = await person("phochutich.anthu", "committee", council.id);
  user.otherWard = await person("chutich.bencanh", "committee", otherCouncil.id, "bencanh@example.test");
  user.province = await person("tt.tinh", "committee", provinceCouncil.id, "tinh@example.test");
  admin = await actorFor(await person("quantri.thu", "admin", province.id));
  await db.execute(sql`update users set active = false where id = ${user.unitInactive}`);

  const plan = await makePlan(db, { issuingUnitId: council.id, subject: "Giám sát thử", periodStart: "2026-01-01", periodEnd: "2026-06-30", number: 3, issueDate: "2026-07-01" });
  const visit = await makeVisit(db, { planId: plan.id, unitId: ubnd.id, status: "completed" });
  const notice = await makeNotice(db, {
    planId: plan.id,
    visitId: visit.id,
    issuingUnitId: council.id,
    placeName: "An Thử",
    signerName: "Nguyễn Văn Thử",
    number: 7,
    issueDate: "2026-09-01",
  });
  visitId = visit.id;
  noticeId = notice.id;
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

async function recommend(deadline: string, extra: { text?: string; extendedDeadline?: string; status?: "accepted"; noticeId?: number | null; unitId?: number } = {}) {
  const row = await makeRecommendation(handle.db, {
    visitId,
    noticeId: extra.noticeId === undefined ? noticeId : extra.noticeId,
    addressedUnitId: extra.unitId ?? unit.ubnd,
    text: extra.text ?? `Khắc phục tình trạng hồ sơ trễ hạn (hạn ${deadline})`,
    deadline,
    extendedDeadline: extra.extendedDeadline ?? null,
    status: extra.status,
    acceptedBy: extra.status === "accepted" ? admin.id : undefined,
  });
  return row.id;
}

/** The notifications about these recommendations, as "user:title", in creation order. */
async function notified(recommendationIds: number[], userIds?: number[]) {
  const links = recommendationIds.map((id) => `/recommendations/${id}`);
  const rows = await handle.db
    .select({ userId: notifications.userId, title: notifications.title, body: notifications.body, link: notifications.link })
    .from(notifications)
    .where(and(inArray(notifications.link, links), userIds ? inArray(notifications.userId, userIds) : sql`true`))
    .orderBy(notifications.id);
  return rows;
}

async function stepsRecorded(recommendationId: number) {
  const rows = await handle.db
    .select({ deadline: remindersSent.deadline, step: remindersSent.step, audience: remindersSent.audience })
    .from(remindersSent)
    .where(eq(remindersSent.recommendationId, recommendationId));
  return rows.map((r) => `${r.deadline} ${r.audience}:${r.step}`).sort();
}

describe("the steps, day by day", () => {
  it("before-7, before-1, on the day, then weekly; the committee of the ward's council from 7 days overdue", async () => {
    const deadline = "2026-12-15";
    const id = await recommend(deadline, { text: "Chỉ đạo Bộ phận Một cửa rà soát toàn bộ hồ sơ trễ hạn" });
    const byDay: Record<string, string[]> = {};
    for (let offset = -10; offset <= 15; offset += 1) {
      const today = addDays(deadline, offset);
      const before = await stepsRecorded(id);
      const result = await runReminderJob({ today });
      expect(result.emailsQueued).toBe(0);
      const added = (await stepsRecorded(id)).filter((s) => !before.includes(s)).map((s) => s.slice(11));
      if (added.length > 0) byDay[String(offset)] = added;
    }
    expect(byDay).toEqual({
      "-7": ["unit:before-7"],
      "-1": ["unit:before-1"],
      "0": ["unit:on-day"],
      "7": ["committee:overdue-7", "unit:overdue-7"],
      "14": ["committee:overdue-14", "unit:overdue-14"],
    });

    // Active unit users of the UBND itself: not the inactive one, not the one-stop shop below it.
    const unitTitles = [
      "Kiến nghị sắp đến hạn: còn 7 ngày",
      "Kiến nghị sắp đến hạn: còn 1 ngày",
      "Kiến nghị đến hạn hôm nay",
      "Kiến nghị quá hạn 7 ngày",
      "Kiến nghị quá hạn 14 ngày",
    ];
    const rows = await notified([id]);
    expect(rows.filter((r) => r.userId === user.unitA).map((r) => r.title)).toEqual(unitTitles);
    expect(rows.filter((r) => r.userId === user.unitB).map((r) => r.title)).toEqual(unitTitles);
    // The council over the ward: its two committee members, not the other ward's, not the province's.
    expect(rows.filter((r) => r.userId === user.chair).map((r) => r.title)).toEqual(["Kiến nghị quá hạn 7 ngày", "Kiến nghị quá hạn 14 ngày"]);
    expect(rows.filter((r) => r.userId === user.vice)).toHaveLength(2);
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set([user.unitA, user.unitB, user.chair, user.vice]));

    expect(rows[0]).toMatchObject({
      body: "Chỉ đạo Bộ phận Một cửa rà soát toàn bộ hồ sơ trễ hạn\nHạn: 15/12/2026",
      link: `/recommendations/${id}`,
    });
    expect(rows.find((r) => r.userId === user.chair)?.body).toBe("UBND phường An Thử: Chỉ đạo Bộ phận Một cửa rà soát toàn bộ hồ sơ trễ hạn\nHạn: 15/12/2026");
  });

  it("the committee's threshold follows the settings", async () => {
    await saveFollowUpSettings(admin, { ...DEFAULT_FOLLOW_UP_SETTINGS, escalateAfterDays: 10 });
    try {
      const deadline = "2027-01-05";
      const id = await recommend(deadline);
      for (const offset of [7, 8, 9]) await runReminderJob({ today: addDays(deadline, offset) });
      expect((await notified([id], [user.chair])).length).toBe(0);
      await runReminderJob({ today: addDays(deadline, 10) });
      expect((await notified([id], [user.chair])).map((r) => r.title)).toEqual(["Kiến nghị quá hạn 10 ngày"]);
      expect(await stepsRecorded(id)).toEqual([`${deadline} committee:overdue-10`, `${deadline} unit:overdue-7`]);
    } finally {
      await handle.db.delete(appSettings);
    }
  });
});

describe("once and only once", () => {
  it("a first run on the deadline sends on-day only, and running again sends nothing more", async () => {
    const deadline = "2027-02-15";
    const id = await recommend(deadline);
    const first = await runReminderJob({ today: deadline });
    expect(first.superseded).toBeGreaterThanOrEqual(2); // before-7 and before-1 were missed
    expect((await notified([id], [user.unitA])).map((r) => r.title)).toEqual(["Kiến nghị đến hạn hôm nay"]);
    const again = await runReminderJob({ today: deadline });
    expect(again.sent).toBe(0);
    await runReminderJob({ today: addDays(deadline, 3) });
    expect(await notified([id])).toHaveLength(2); // unitA and unitB, once each
    expect(await stepsRecorded(id)).toEqual([`${deadline} unit:on-day`]);
  });

  it("two runs at once in this process: each reminder once", async () => {
    const deadline = "2027-03-10";
    const ids: number[] = [];
    for (let i = 0; i < 12; i += 1) ids.push(await recommend(deadline, { text: `Kiến nghị số ${i + 1} chạy song song` }));
    const recordedBefore = await countRecorded();
    const results = await Promise.all([runReminderJob({ today: addDays(deadline, 7) }), runReminderJob({ today: addDays(deadline, 7) })]);
    // Between them the two runs report exactly the steps recorded: none claimed twice.
    expect(results[0].sent + results[1].sent).toBe((await countRecorded()) - recordedBefore);
    await expectEachOnce(ids, ["unit:overdue-7", "committee:overdue-7"]);
  });
});

async function countRecorded(): Promise<number> {
  const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(remindersSent);
  return Number(row.n);
}

/** Each recommendation has exactly these steps, and each recipient exactly one notification per step. */
async function expectEachOnce(ids: number[], steps: string[]) {
  const rows = await notified(ids);
  for (const id of ids) {
    expect((await stepsRecorded(id)).map((s) => s.slice(11)).sort()).toEqual([...steps].sort());
    const mine = rows.filter((r) => r.link === `/recommendations/${id}`);
    const perUser = new Map<number, number>();
    for (const row of mine) perUser.set(row.userId, (perUser.get(row.userId) ?? 0) + 1);
    expect(Object.fromEntries(perUser)).toEqual({ [user.unitA]: 1, [user.unitB]: 1, [user.chair]: 1, [user.vice]: 1 });
  }
}

// Registered only on the server: PGlite is one process (the in-process check above runs on both).
if (testDatabaseKind() === "postgres") describe("two processes at once on the PostgreSQL server", () => {
  it(
    "npm run reminders started twice together: every reminder recorded and notified once",
    async () => {
      const deadline = "2027-04-10";
      const today = addDays(deadline, 7);
      const ids: number[] = [];
      for (let i = 0; i < 40; i += 1) ids.push(await recommend(deadline, { text: `Kiến nghị số ${i + 1} của hai tiến trình` }));
      const run = () =>
        new Promise<{ code: number | null; output: string }>((resolve) => {
          const child = spawn(process.execPath, ["--import", "tsx", "scripts/reminders.ts", "--today", today], {
            env: { ...process.env, DATABASE_URL: handle.url, DEMO_DATA: "0", SMTP_URL: "" },
            stdio: ["ignore", "pipe", "pipe"],
          });
          let output = "";
          child.stdout.on("data", (chunk) => (output += chunk));
          child.stderr.on("data", (chunk) => (output += chunk));
          child.on("close", (code) => resolve({ code, output }));
        });
      const recordedBefore = await countRecorded();
      const [a, b] = await Promise.all([run(), run()]);
      expect(a.code, a.output).toBe(0);
      expect(b.code, b.output).toBe(0);
      const sent = [a, b].map((r) => Number(/(\d+) lần nhắc đã gửi/.exec(r.output)?.[1]));
      expect(sent[0] + sent[1], `${a.output}\n${b.output}`).toBe((await countRecorded()) - recordedBefore);
      await expectEachOnce(ids, ["unit:overdue-7", "committee:overdue-7"]);
    },
    180_000,
  );

});

describe("what gets no reminder", () => {
  it("an accepted recommendation, and one whose notice is not issued", async () => {
    const deadline = "2027-05-10";
    const accepted = await recommend(deadline, { status: "accepted" });
    const draft = await recommend(deadline, { noticeId: null });
    for (const offset of [-7, 0, 7, 14]) await runReminderJob({ today: addDays(deadline, offset) });
    expect(await stepsRecorded(accepted)).toEqual([]);
    expect(await stepsRecorded(draft)).toEqual([]);
    expect(await notified([accepted, draft])).toEqual([]);
  });

  it("an item accepted after the first reminder gets no more", async () => {
    const deadline = "2027-05-20";
    const id = await recommend(deadline);
    await runReminderJob({ today: addDays(deadline, -7) });
    await handle.db
      .update(recommendations)
      .set({ status: "accepted", acceptedAt: new Date(), acceptedBy: admin.id })
      .where(eq(recommendations.id, id));
    await runReminderJob({ today: addDays(deadline, 7) });
    expect(await stepsRecorded(id)).toEqual([`${deadline} unit:before-7`]);
  });
});

describe("extensions", () => {
  it("a granted extension starts the steps again from the new deadline; the old one is no longer overdue", async () => {
    const original = "2027-06-10";
    const extended = "2027-07-10";
    const id = await recommend(original);
    await runReminderJob({ today: addDays(original, -1) });
    expect(await stepsRecorded(id)).toEqual([`${original} unit:before-1`]);
    await handle.db.update(recommendations).set({ extendedDeadline: extended }).where(eq(recommendations.id, id));
    for (const offset of [0, 1, 7]) await runReminderJob({ today: addDays(original, offset) });
    expect(await stepsRecorded(id)).toEqual([`${original} unit:before-1`]);
    await runReminderJob({ today: addDays(extended, -7) });
    await runReminderJob({ today: addDays(extended, 7) });
    expect(await stepsRecorded(id)).toEqual([
      `${original} unit:before-1`,
      `${extended} committee:overdue-7`,
      `${extended} unit:before-7`,
      `${extended} unit:overdue-7`,
    ]);
    const titles = (await notified([id], [user.unitA])).map((r) => r.title);
    expect(titles).toEqual(["Kiến nghị sắp đến hạn: còn 1 ngày", "Kiến nghị sắp đến hạn: còn 7 ngày", "Kiến nghị quá hạn 7 ngày"]);
    expect((await notified([id], [user.unitA]))[1].body).toMatch(/\nHạn: 10\/07\/2027 \(đã gia hạn từ 10\/06\/2027\)$/);
  });
});

describe("e-mail", () => {
  it("without SMTP_URL: in-app only, no outbox rows, and sending does nothing", async () => {
    const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox);
    expect(Number(row.n)).toBe(0);
    expect(await sendPendingEmails()).toEqual({ sent: 0, failed: 0 });
  });

  it("with an SMTP server: one e-mail per recipient with an address, sent once", async () => {
    const smtp = await startSmtp();
    const today = "2027-09-03";
    try {
      // Bring every earlier item up to date first, so only the new one is due when SMTP is on.
      await runReminderJob({ today });
      const id = await recommend("2027-09-10", { text: "Công khai kết quả giải quyết hồ sơ tại Bộ phận Một cửa" });
      process.env.SMTP_URL = smtp.url;
      process.env.MAIL_FROM = "Giám sát HĐND <giamsat@example.test>";
      const result = await runReminderJob({ today });
      expect(result).toMatchObject({ sent: 1, notifications: 2, emailsQueued: 1 }); // unitB has no address
      const outbox = await handle.db.select().from(emailOutbox);
      expect(outbox.map((r) => [r.toAddress, r.status])).toEqual([["ubnd.anthu@example.test", "pending"]]);

      expect(await sendPendingEmails()).toEqual({ sent: 1, failed: 0 });
      expect(smtp.messages).toHaveLength(1);
      const [message] = smtp.messages;
      expect(message.to).toEqual(["ubnd.anthu@example.test"]);
      expect(message.from).toBe("giamsat@example.test");
      const mail = readMail(message);
      expect(mail.subject).toBe("Kiến nghị sắp đến hạn: còn 7 ngày");
      expect(mail.text).toContain("Công khai kết quả giải quyết hồ sơ tại Bộ phận Một cửa\nHạn: 10/09/2027");
      expect(mail.text).toContain(`/recommendations/${id}`);

      expect(await sendPendingEmails()).toEqual({ sent: 0, failed: 0 });
      expect((await runReminderJob({ today })).emailsQueued).toBe(0);
      expect(smtp.messages).toHaveLength(1);
      const [sentRow] = await handle.db.select().from(emailOutbox);
      expect(sentRow.status).toBe("sent");
      expect(sentRow.sentAt).not.toBeNull();
    } finally {
      delete process.env.SMTP_URL;
      delete process.env.MAIL_FROM;
      await smtp.close();
    }
  });

  it("a server that refuses: the row is marked failed with the error, and never retried", async () => {
    await handle.db.insert(emailOutbox).values({ toAddress: "ai@example.test", subject: "Thử", body: "Thử" });
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    try {
      expect(await sendPendingEmails()).toEqual({ sent: 0, failed: 1 });
      const rows = rowsOf<{ status: string; error: string }>(
        await handle.db.execute(sql`select status, error from email_outbox where to_address = 'ai@example.test'`),
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].status).toBe("failed");
      expect(rows[0].error).not.toBe("");
      expect(await sendPendingEmails()).toEqual({ sent: 0, failed: 0 });
    } finally {
      delete process.env.SMTP_URL;
    }
  });
});
