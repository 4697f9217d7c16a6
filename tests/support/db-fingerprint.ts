/**
 * A fingerprint of every table's contents, to show that a refused request wrote nothing: one md5 per
 * table over its rows as text, in a stable order. Compare two with `changedTables`.
 */
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "#db/client";

export type Fingerprint = Record<string, string>;

export async function fingerprint(db: Db, options: { exclude?: string[] } = {}): Promise<Fingerprint> {
  const exclude = new Set(options.exclude ?? []);
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select table_name as name from information_schema.tables
                         where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
  )
    .map((row) => row.name)
    .filter((name) => !exclude.has(name));
  const result: Fingerprint = {};
  for (const name of tables) {
    const [row] = rowsOf<{ digest: string }>(
      await db.execute(
        sql.raw(`select md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) || ':' || count(*) as digest from "${name}" t`),
      ),
    );
    result[name] = row.digest;
  }
  return result;
}

/** Names of the tables whose contents differ between two fingerprints (added or removed tables too). */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
