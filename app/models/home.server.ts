import { count, sql } from "drizzle-orm";
import { checklistTemplates, units, users } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import { countDraftNotices } from "./notice.server";
import { countPlansByStatus, listPlans, listUpcomingVisits } from "./plan.server";
import { countOpenRecommendations, listOpenRecommendations } from "./recommendation.server";

/** What needs the actor's attention, per role: the home page's one query point. */
export async function homeFor(actor: Actor) {
  switch (actor.role) {
    case "admin": {
      const db = await getDb();
      const [[u], [p], [t]] = await Promise.all([
        db.select({ n: count() }).from(units),
        db
          .select({
            n: count(),
            locked: sql<number>`count(*) filter (where ${users.lockedUntil} > now())::int`,
            inactive: sql<number>`count(*) filter (where not ${users.active})::int`,
          })
          .from(users),
        db.select({ n: count() }).from(checklistTemplates),
      ]);
      return {
        role: "admin" as const,
        units: Number(u.n),
        users: Number(p.n),
        lockedUsers: Number(p.locked),
        inactiveUsers: Number(p.inactive),
        templates: Number(t.n),
      };
    }
    case "committee": {
      const [plans, byStatus, counts, open, draftNotices] = await Promise.all([
        listPlans(actor, {}, 5),
        countPlansByStatus(actor),
        countOpenRecommendations(actor),
        listOpenRecommendations(actor, { limit: 10 }),
        countDraftNotices(actor),
      ]);
      return { role: "committee" as const, plans, byStatus, counts, open, draftNotices };
    }
    case "team_member": {
      const [plans, visits] = await Promise.all([listPlans(actor, {}, 20), listUpcomingVisits(actor)]);
      return { role: "team_member" as const, plans, visits };
    }
    case "unit": {
      const [counts, open, visits] = await Promise.all([
        countOpenRecommendations(actor),
        listOpenRecommendations(actor, { limit: 20 }),
        listUpcomingVisits(actor),
      ]);
      return { role: "unit" as const, counts, open, visits };
    }
  }
}
