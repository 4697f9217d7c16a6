import { sql } from "drizzle-orm";
import { rowsOf } from "#db/client";
import { emailOutbox, notifications } from "#db/schema";
import { getDb } from "~/db.server";
import { addDays } from "~/domain/deadlines";
import { type ReminderStep, type SentStep, reminderBody, reminderTitle, remindersDue } from "~/domain/reminders";
import { type IsoDate, vietnamDate } from "~/domain/vietnamese";
import { mailSettings } from "~/mail.server";
import { committeeUsersOver, unitUsersOf } from "./follow-up-recipients.server";
import { getFollowUpSettings } from "./settings.server";

/**
 * The reminder job: which step is due is decided by app/domain/reminders.ts; this records it.
 * One short transaction per recommendation holds the reminders_sent row and the notifications (and
 * e-mails) it causes, so a crash midway loses nothing and sends nothing twice: the next run finds
 * the committed steps recorded and the others still due. The reminders_sent primary key decides
 * between two runs at once (two app instances, the CLI beside the server): the second INSERT … ON
 * CONFLICT DO NOTHING waits for the first to commit, returns no row, and the run creates nothing.
 */

export type ReminderJobResult = {
  today: IsoDate;
  /** Open followed-up recommendations whose deadline is near or past. */
  considered: number;
  /** Reminder steps recorded by this run (each with its notifications). */
  sent: number;
  /** Steps another run recorded first: nothing created for them here. */
  skipped: number;
  /** Missed earlier steps not sent because a later one was due (see the rule in reminders.ts). */
  superseded: number;
  notifications: number;
  emailsQueued: number;
};

type Candidate = {
  id: number;
  text: string;
  unitId: number;
  unitName: string;
  deadline: IsoDate;
  originalDeadline: IsoDate;
  sent: SentStep[] | string | null;
};


/**
 * Open, followed-up recommendations whose effective deadline is at most `horizon` (the furthest
 * reminder before a deadline), with the steps already recorded for that same deadline. The WHERE
 * clause matches the partial index recommendations_open_by_deadline_idx.
 */
async function candidates(horizon: IsoDate): Promise<Candidate[]> {
  const db = await getDb();
  return rowsOf<Candidate>(
    await db.execute(sql`
      SELECT r.id, r.text, r.addressed_unit_id AS "unitId", u.name AS "unitName",
        coalesce(r.extended_deadline, r.deadline)::text AS "deadline", r.deadline::text AS "originalDeadline",
        coalesce((
          SELECT json_agg(json_build_object('step', s.step, 'audience', s.audience))
          FROM reminders_sent s
          WHERE s.recommendation_id = r.id AND s.deadline = coalesce(r.extended_deadline, r.deadline)
        ), '[]'::json) AS "sent"
      FROM recommendations r
      JOIN units u ON u.id = r.addressed_unit_id
      WHERE r.status <> 'accepted' AND r.notice_id IS NOT NULL
        AND coalesce(r.extended_deadline, r.deadline) <= ${horizon}::date
      ORDER BY coalesce(r.extended_deadline, r.deadline), r.id`),
  );
}

function emailBody(title: string, body: string, link: string): string {
  const base = process.env.APP_URL?.trim();
  const where = base ? new URL(link, base).toString() : link;
  return `${title}\n\n${body}\n\nXem chi tiết và báo cáo kết quả: ${where}\n\n-- \nThư tự động của hệ thống Giám sát HĐND, vui lòng không trả lời.`;
}

type Tally = Pick<ReminderJobResult, "sent" | "skipped" | "notifications" | "emailsQueued">;

/** Records one recommendation's due steps; what it counts is kept only if the transaction commits. */
async function sendSteps(candidate: Candidate, steps: ReminderStep[], today: IsoDate): Promise<Tally> {
  const db = await getDb();
  const mail = mailSettings();
  return db.transaction(async (tx) => {
    const tally: Tally = { sent: 0, skipped: 0, notifications: 0, emailsQueued: 0 };
    for (const step of steps) {
      // Re-checked in the statement: accepted or extended since it was selected → no row, nothing sent.
      const recorded = rowsOf(
        await tx.execute(sql`
          INSERT INTO reminders_sent (recommendation_id, deadline, step, audience)
          SELECT r.id, ${candidate.deadline}::date, ${step.step}, ${step.audience}
          FROM recommendations r
          WHERE r.id = ${candidate.id} AND r.status <> 'accepted' AND r.notice_id IS NOT NULL
            AND coalesce(r.extended_deadline, r.deadline) = ${candidate.deadline}::date
          ON CONFLICT DO NOTHING
          RETURNING recommendation_id`),
      );
      if (recorded.length === 0) {
        tally.skipped += 1;
        continue;
      }
      tally.sent += 1;
      const recipients = step.audience === "unit" ? await unitUsersOf(tx, candidate.unitId) : await committeeUsersOver(tx, candidate.unitId);
      if (recipients.length === 0) continue;
      const title = reminderTitle(candidate.deadline, today);
      const body = reminderBody({
        text: candidate.text,
        deadline: candidate.deadline,
        originalDeadline: candidate.originalDeadline,
        unitName: step.audience === "committee" ? candidate.unitName : null,
      });
      const link = `/recommendations/${candidate.id}`;
      await tx.insert(notifications).values(recipients.map((r) => ({ userId: r.id, title, body, link })));
      tally.notifications += recipients.length;
      const addresses = mail ? recipients.map((r) => r.email?.trim()).filter((email): email is string => Boolean(email)) : [];
      if (addresses.length > 0) {
        const text = emailBody(title, body, link);
        await tx.insert(emailOutbox).values(addresses.map((toAddress) => ({ toAddress, subject: title, body: text })));
        tally.emailsQueued += addresses.length;
      }
    }
    return tally;
  });
}

export async function runReminderJob(options: { today?: IsoDate; now?: Date } = {}): Promise<ReminderJobResult> {
  const today = options.today ?? vietnamDate(options.now ?? new Date());
  const settings = await getFollowUpSettings(await getDb());
  const horizon = addDays(today, Math.max(0, ...settings.remindDaysBefore));
  const result: ReminderJobResult = { today, considered: 0, sent: 0, skipped: 0, superseded: 0, notifications: 0, emailsQueued: 0 };
  for (const candidate of await candidates(horizon)) {
    result.considered += 1;
    const sent = typeof candidate.sent === "string" ? (JSON.parse(candidate.sent) as SentStep[]) : (candidate.sent ?? []);
    const plan = remindersDue({ deadline: candidate.deadline, today, settings, sent });
    result.superseded += plan.superseded.length;
    if (plan.send.length === 0) continue;
    const tally = await sendSteps(candidate, plan.send, today);
    result.sent += tally.sent;
    result.skipped += tally.skipped;
    result.notifications += tally.notifications;
    result.emailsQueued += tally.emailsQueued;
  }
  return result;
}

/** "Nhắc việc 2026-12-08: 12 kiến nghị xét, 3 nhắc đã gửi (5 thông báo, 2 e-mail), 0 bỏ qua." */
export function describeReminderRun(result: ReminderJobResult): string {
  return (
    `Nhắc việc ${result.today}: ${result.considered} kiến nghị được xét, ${result.sent} lần nhắc đã gửi ` +
    `(${result.notifications} thông báo, ${result.emailsQueued} e-mail chờ gửi), ${result.skipped} đã do lượt khác gửi, ` +
    `${result.superseded} mốc cũ bỏ qua.`
  );
}
