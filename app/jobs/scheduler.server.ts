import { sendPendingEmails } from "~/mail.server";
import { describeReminderRun, runReminderJob } from "~/models/reminder.server";

/**
 * Runs the reminder job inside the server process: shortly after start, then every
 * REMINDER_INTERVAL_MINUTES (default 15). REMINDERS=off turns it off (another instance or a cron
 * running `npm run reminders` does the work); tests never start it. Several instances may run it
 * at once: the reminders_sent primary key and the outbox claim keep every reminder and e-mail single.
 */
const state = globalThis as typeof globalThis & { __hdndReminderScheduler?: NodeJS.Timeout };

const FIRST_RUN_DELAY_MS = 30_000;

export function reminderIntervalMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const minutes = Number(env.REMINDER_INTERVAL_MINUTES);
  return Number.isFinite(minutes) && minutes >= 1 ? minutes : 15;
}

let running = false;

/** One run: reminders, then the e-mail outbox; never throws (a failed run is retried next time). */
export async function runRemindersOnce(): Promise<void> {
  if (running) return; // a slow run is not overtaken by the next tick
  running = true;
  try {
    const result = await runReminderJob();
    const mail = await sendPendingEmails();
    const mailText = mail.sent + mail.failed > 0 ? ` E-mail: ${mail.sent} đã gửi, ${mail.failed} lỗi.` : "";
    console.log(`[nhắc việc] ${describeReminderRun(result)}${mailText}`);
  } catch (error) {
    console.error("[nhắc việc] Lượt chạy bị lỗi, sẽ thử lại lần sau:", error);
  } finally {
    running = false;
  }
}

export function startReminderScheduler(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.VITEST || env.NODE_ENV === "test") return false;
  if ((env.REMINDERS ?? "").toLowerCase() === "off") return false;
  if (state.__hdndReminderScheduler) return false; // a dev-server module reload: already running
  const every = reminderIntervalMinutes(env) * 60_000;
  const timer = setInterval(() => void runRemindersOnce(), every);
  timer.unref();
  state.__hdndReminderScheduler = timer;
  // REMINDER_FIRST_RUN_SECONDS: the first run's delay after start (tests set it short).
  setTimeout(() => void runRemindersOnce(), env.REMINDER_FIRST_RUN_SECONDS ? Math.max(0, Number(env.REMINDER_FIRST_RUN_SECONDS) || 0) * 1000 : FIRST_RUN_DELAY_MS).unref();
  return true;
}
