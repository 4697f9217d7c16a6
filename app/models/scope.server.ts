import { type SQL, eq, inArray, like, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "#db/client";
import { planMembers, units, visits } from "#db/schema";
import type { Actor } from "~/auth/actor";

/**
 * The one place that says which units an actor may see; every model query that reads unit data
 * filters with it. Returns a condition on the given unit-id column.
 */
export function visibleUnitCondition(db: DbOrTx, actor: Actor, unitIdColumn: PgColumn): SQL {
  if (actor.role === "admin") return sql`true`;
  if (actor.role === "team_member") {
    const visited = db
      .select({ id: visits.unitId })
      .from(visits)
      .innerJoin(planMembers, eq(planMembers.planId, visits.planId))
      .where(eq(planMembers.userId, actor.id));
    return sql`(${unitIdColumn} = ${actor.unitId} OR ${inArray(unitIdColumn, visited)})`;
  }
  const inSubtree = db.select({ id: units.id }).from(units).where(like(units.path, `${actor.scopePath}%`));
  return inArray(unitIdColumn, inSubtree);
}

/** Plans an actor may read: by membership for team members, by the units involved otherwise. */
export function visiblePlanCondition(db: DbOrTx, actor: Actor, planIdColumn: PgColumn, issuingUnitColumn: PgColumn): SQL {
  switch (actor.role) {
    case "admin":
      return sql`false`;
    case "team_member": {
      const mine = db.select({ id: planMembers.planId }).from(planMembers).where(eq(planMembers.userId, actor.id));
      return inArray(planIdColumn, mine);
    }
    case "committee":
      return visibleUnitCondition(db, actor, issuingUnitColumn);
    case "unit": {
      const supervisedHere = db
        .select({ id: visits.planId })
        .from(visits)
        .where(visibleUnitCondition(db, actor, visits.unitId));
      return inArray(planIdColumn, supervisedHere);
    }
  }
}
