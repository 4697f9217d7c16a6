import { eq, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { rowsOf } from "#db/client";
import { emailOutbox } from "#db/schema";
import { getDb } from "~/db.server";

/**
 * E-mail is optional: with SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS from the start)
 * reminders are also queued in email_outbox and sent from there; without it, in-app only.
 */
export type MailSettings = { url: string; from: string };

export function mailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings | null {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  return { url, from: env.MAIL_FROM?.trim() || "Giám sát HĐND <giamsat-hdnd@localhost>" };
}

function transportOptions(url: string): SMTPTransport.Options {
  const parsed = new URL(url);
  const secure = parsed.protocol === "smtps:";
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : undefined,
    secure,
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    // A server that does not answer must not hold the reminder timer for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

type OutboxRow = { id: number; to_address: string; subject: string; body: string };

export type SendResult = { sent: number; failed: number };

/**
 * Sends up to `limit` pending e-mails. Rows are claimed (status 'sending') in one statement with
 * FOR UPDATE SKIP LOCKED before the server is contacted, so two senders never take the same row,
 * and a row left in 'sending' by a crash is never sent again: at most once.
 */
export async function sendPendingEmails(limit = 50): Promise<SendResult> {
  const settings = mailSettings();
  if (!settings) return { sent: 0, failed: 0 };
  const db = await getDb();
  const claimed = rowsOf<OutboxRow>(
    await db.execute(sql`
      UPDATE email_outbox SET status = 'sending', attempted_at = now()
      WHERE id IN (
        SELECT id FROM email_outbox WHERE status = 'pending' ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )
      RETURNING id, to_address, subject, body`),
  );
  if (claimed.length === 0) return { sent: 0, failed: 0 };
  const transport = nodemailer.createTransport(transportOptions(settings.url));
  const result: SendResult = { sent: 0, failed: 0 };
  try {
    for (const row of claimed.sort((a, b) => a.id - b.id)) {
      try {
        await transport.sendMail({ from: settings.from, to: row.to_address, subject: row.subject, text: row.body });
        await db.update(emailOutbox).set({ status: "sent", sentAt: new Date() }).where(eq(emailOutbox.id, row.id));
        result.sent += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await db.update(emailOutbox).set({ status: "failed", error: message.slice(0, 1000) }).where(eq(emailOutbox.id, row.id));
        result.failed += 1;
      }
    }
  } finally {
    transport.close();
  }
  return result;
}
