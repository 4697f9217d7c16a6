/**
 * Actors for model tests, loaded the way a request loads them: a real session row read back by
 * getActorForSession, so scopePath is computed by the app's own code, never by the test.
 */
import type { Actor } from "~/auth/actor";
import { createSession, getActorForSession } from "~/models/session.server";

export async function actorFor(userId: number): Promise<Actor> {
  const actor = await getActorForSession(await createSession(userId, null));
  if (!actor) throw new Error(`no actor for user ${userId} (inactive?)`);
  return actor;
}
