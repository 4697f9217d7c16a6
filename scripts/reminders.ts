/**
 * `npm run reminders [-- --today 2026-12-08]`: runs the reminder job once and sends the e-mail
 * outbox (when SMTP_URL is set), on the app's own database (DATABASE_URL, or the embedded PGlite
 * in PGLITE_DATA_DIR / data/pglite), then prints the counts. For a cron job beside servers that run
 * with REMINDERS=off, or to catch up by hand. Safe to run while the server runs its own timer:
 * each reminder is recorded once whoever runs it.
 *
 * Exit codes: 0 done; 1 the job failed; 2 wrong arguments.
 */
import { databaseHandle } from "~/db.server";
import { isIsoDate } from "~/domain/vietnamese";
import { sendPendingEmails } from "~/mail.server";
import { describeReminderRun, runReminderJob } from "~/models/reminder.server";

const USAGE = "Cách dùng: npm run reminders [-- --today YYYY-MM-DD]";

function parseArgs(args: string[]): { today?: string } | null {
  const options: { today?: string } = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const value = arg.startsWith("--today=") ? arg.slice("--today=".length) : arg === "--today" ? args[++i] : undefined;
    if (value === undefined || !isIsoDate(value)) return null;
    options.today = value;
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (!options) {
    console.error(USAGE);
    return 2;
  }
  const handle = await databaseHandle();
  try {
    const result = await runReminderJob({ today: options.today });
    console.log(describeReminderRun(result));
    const mail = await sendPendingEmails();
    console.log(process.env.SMTP_URL ? `E-mail: ${mail.sent} đã gửi, ${mail.failed} lỗi.` : "E-mail: chưa cấu hình SMTP_URL, chỉ gửi thông báo trong ứng dụng.");
    return 0;
  } catch (error) {
    console.error("Chạy nhắc việc bị lỗi:", error);
    return 1;
  } finally {
    await handle.close();
  }
}

process.exitCode = await main();
