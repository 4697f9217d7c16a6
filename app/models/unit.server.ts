import { and, asc, eq, like, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { type Unit, units } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import { cleanText } from "~/domain/vietnamese";
import type { UnitFormValues } from "~/schemas/unit";
import { type TreeNode, buildTree, flattenTree } from "~/domain/unit-tree";
import { recordAudit } from "./audit.server";
import { DomainError, UNIQUE_VIOLATION, pgErrorCode } from "./errors.server";
import { visibleUnitCondition } from "./scope.server";

export type UnitNode = TreeNode<Unit>;

function requireAdmin(actor: Actor) {
  if (actor.role !== "admin") throw new DomainError("Chỉ quản trị hệ thống được quản lý đơn vị.", undefined, 403);
}

/** All units as a tree in display order (by name within a parent). Administrator only. */
export async function listUnitTree(actor: Actor): Promise<UnitNode[]> {
  requireAdmin(actor);
  const db = await getDb();
  return buildTree(await db.select().from(units));
}


/** A unit the actor may see, or null (absent and forbidden look the same from outside). */
export async function getVisibleUnit(actor: Actor, unitId: number): Promise<Unit | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.id, unitId), visibleUnitCondition(db, actor, units.id)));
  return row ?? null;
}

export async function getUnitForAdmin(actor: Actor, unitId: number): Promise<Unit | null> {
  requireAdmin(actor);
  const db = await getDb();
  const [row] = await db.select().from(units).where(eq(units.id, unitId));
  return row ?? null;
}

/** Children of a unit, in name order, limited to what the actor may see. */
export async function listChildUnits(actor: Actor, unitId: number): Promise<Unit[]> {
  const db = await getDb();
  return db
    .select()
    .from(units)
    .where(and(eq(units.parentId, unitId), visibleUnitCondition(db, actor, units.id)))
    .orderBy(asc(units.name));
}

function normalise(values: UnitFormValues) {
  return {
    name: cleanText(values.name),
    kind: values.kind,
    parentId: values.parentId,
    placeName: values.placeName ? cleanText(values.placeName) : null,
    code: values.code ? values.code.trim() : null,
    active: values.active,
  };
}

async function parentPath(tx: DbOrTx, parentId: number | null): Promise<string> {
  if (parentId === null) return "/";
  const [parent] = await tx.select({ path: units.path }).from(units).where(eq(units.id, parentId));
  if (!parent) throw new DomainError("Đơn vị cấp trên không tồn tại.", "parentId");
  return parent.path;
}

function translateUniqueError(error: unknown): never {
  if (pgErrorCode(error) === UNIQUE_VIOLATION) throw new DomainError("Mã đơn vị này đã được dùng.", "code");
  throw error;
}

export async function createUnit(actor: Actor, values: UnitFormValues, tx?: DbOrTx): Promise<Unit> {
  requireAdmin(actor);
  const data = normalise(values);
  const run = async (t: DbOrTx) => {
    const prefix = await parentPath(t, data.parentId);
    const [inserted] = await t.insert(units).values({ ...data, path: "/0/" }).returning();
    const [unit] = await t
      .update(units)
      .set({ path: `${prefix}${inserted.id}/` })
      .where(eq(units.id, inserted.id))
      .returning();
    await recordAudit(t, actor, "create", "unit", unit.id, data);
    return unit;
  };
  try {
    return tx ? await run(tx) : await (await getDb()).transaction(run);
  } catch (error) {
    return translateUniqueError(error);
  }
}

/** Editing may move a unit under another parent: the paths of its whole subtree move with it. */
export async function updateUnit(actor: Actor, unitId: number, values: UnitFormValues): Promise<Unit> {
  requireAdmin(actor);
  const data = normalise(values);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx.select().from(units).where(eq(units.id, unitId)).for("update");
      if (!current) throw new DomainError("Đơn vị không tồn tại.", undefined, 404);
      let path = current.path;
      if (data.parentId !== current.parentId) {
        const prefix = await parentPath(tx, data.parentId);
        if (prefix.startsWith(current.path)) {
          throw new DomainError("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.", "parentId");
        }
        path = `${prefix}${unitId}/`;
        await tx
          .update(units)
          .set({ path: sql`${path} || substr(${units.path}, ${current.path.length + 1})` })
          .where(like(units.path, `${current.path}%`));
      }
      const [unit] = await tx.update(units).set({ ...data, path }).where(eq(units.id, unitId)).returning();
      await recordAudit(tx, actor, "update", "unit", unitId, { before: current, after: data });
      return unit;
    });
  } catch (error) {
    return translateUniqueError(error);
  }
}

/** Units for a select box: every unit for the administrator, in tree order with depth. */
export async function listUnitOptions(actor: Actor): Promise<{ id: number; label: string; kind: Unit["kind"] }[]> {
  const tree = await listUnitTree(actor);
  return flattenTree(tree).map((n) => ({ id: n.id, label: `${"— ".repeat(n.depth)}${n.name}`, kind: n.kind }));
}
