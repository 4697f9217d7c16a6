import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A function that may run inside a caller's transaction takes either. */
export type DbOrTx = Db | Tx;

export type DatabaseHandle = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the data lives, without credentials: for logs. */
  description: string;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  /** postgres://… — when set, a PostgreSQL server through postgres.js. */
  url?: string;
  /** PGlite data directory, or "memory://" for an in-memory database. */
  pgliteDataDir?: string;
  /** An already open PGlite instance (tests clone a migrated one). */
  pglite?: PGlite;
  /** Pool size for the server. */
  maxConnections?: number;
};

export const MIGRATIONS_DIR = path.resolve(process.env.MIGRATIONS_DIR ?? path.join(process.cwd(), "db/migrations"));

/** Lock key for migrations, so several app instances starting at once migrate one at a time. */
const MIGRATION_LOCK_KEY = 7_204_301_115;

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "postgres://(invalid url)";
  }
}

export function openDatabase(options: DatabaseOptions = {}): DatabaseHandle {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
    });
    return {
      db: drizzlePostgres(client, { schema }) as unknown as Db,
      kind: "postgres",
      description: describeUrl(options.url),
      close: () => client.end({ timeout: 5 }),
    };
  }
  let pg = options.pglite;
  let description = "PGlite (supplied)";
  if (!pg) {
    const dataDir = options.pgliteDataDir ?? "memory://";
    if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
    pg = new PGlite(dataDir);
    description = `PGlite ${dataDir}`;
  }
  const instance = pg;
  return {
    db: drizzlePglite(instance, { schema }) as unknown as Db,
    kind: "pglite",
    description,
    close: () => instance.close(),
  };
}

export async function migrateDatabase(options: DatabaseOptions, handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as never, config);
    return;
  }
  // One dedicated connection holds an advisory lock for the whole migration.
  const client = postgres(options.url!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(client), config);
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** `db.execute` answers { rows } on PGlite and an array on postgres.js: one shape for both. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
