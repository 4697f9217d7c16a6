import { eq } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { appSettings } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import {
  FOLLOW_UP_SETTINGS_KEY,
  type FollowUpSettings,
  readFollowUpSettings,
} from "~/domain/follow-up-settings";
import { recordAudit } from "./audit.server";

export async function getFollowUpSettings(db?: DbOrTx): Promise<FollowUpSettings> {
  const handle = db ?? (await getDb());
  const [row] = await handle.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, FOLLOW_UP_SETTINGS_KEY));
  return readFollowUpSettings(row?.value);
}

/** Validated by the caller (followUpSettingsSchema); only the administrator's route calls this. */
export async function saveFollowUpSettings(actor: Actor, settings: FollowUpSettings): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .insert(appSettings)
      .values({ key: FOLLOW_UP_SETTINGS_KEY, value: settings, updatedBy: actor.id })
      .onConflictDoUpdate({ target: appSettings.key, set: { value: settings, updatedBy: actor.id, updatedAt: new Date() } });
    await recordAudit(tx, actor, "update", "settings", FOLLOW_UP_SETTINGS_KEY, settings);
  });
}
