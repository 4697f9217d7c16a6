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

/**
 * postgres.js 3.4.9 can leave a connection broken for good when the server goes away in the middle
 * of a write (porsager/postgres#1154, #1208, open): its buffered-write timer is cleared but not
 * reset, so that connection never sends again (every later query on it hangs or times out), and a
 * write scheduled on a closed connection throws from a timer, which would end the process. So a
 * connection closing (which, with max_lifetime off, happens only when something went wrong) makes
 * the pool be replaced by a fresh one, at once and then at most once a second while closes go on;
 * the old pool is ended, giving queries in flight a few seconds. And that one TypeError is caught.
 */
const RENEW_EVERY_MS = 1_000;
const RETIRE_SECONDS = 10;
const renewers = new Set<() => void>();

function isWriteAfterClose(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    error.message.includes("reading 'write'") &&
    /nextWrite \(.*[\\/]postgres[\\/](cjs[\\/])?src[\\/]connection\.js/.test(error.stack ?? "")
  );
}

let guardInstalled = false;
function guardWriteAfterClose() {
  if (guardInstalled) return;
  guardInstalled = true;
  process.on("uncaughtException", (error) => {
    if (isWriteAfterClose(error)) {
      console.error("[cơ sở dữ liệu] Kết nối bị đóng giữa chừng (lỗi postgres.js porsager/postgres#1154): mở lại các kết nối.");
      for (const renew of renewers) renew();
      return;
    }
    // Another handler (a test runner) takes it; otherwise end the process as Node would have.
    if (process.listenerCount("uncaughtException") > 1) return;
    console.error(error);
    process.exit(1);
  });
}

function openPostgres(url: string, maxConnections: number): DatabaseHandle {
  type Pool = { client: postgres.Sql; db: Db };
  let current: Pool;
  let closing = false;
  let lastRenewal = 0;
  let renewal: NodeJS.Timeout | null = null;
  const retiring = new Set<Promise<void>>();

  const open = (): Pool => {
    const client: postgres.Sql = postgres(url, {
      max: maxConnections,
      // While the server is unreachable a request should fail fast (503), not hang: not postgres.js's 30 s.
      connect_timeout: 5,
      // postgres.js waits before each new connection attempt, up to 20 s once a few have failed (the
      // count is shared by the pool): requests would hang that long during an outage and the pool
      // would stay idle that long after the server is back. At most a second between attempts.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      // Connections are not recycled on a timer, so that a close always means trouble (see above).
      max_lifetime: 0,
      onclose: () => {
        if (current?.client === client) renew();
      },
      onnotice: () => {},
    });
    return { client, db: drizzlePostgres(client, { schema }) as unknown as Db };
  };

  const replace = () => {
    renewal = null;
    if (closing) return;
    lastRenewal = Date.now();
    const old = current;
    current = open();
    const ending = old.client.end({ timeout: RETIRE_SECONDS }).catch(() => {});
    retiring.add(ending);
    void ending.finally(() => retiring.delete(ending));
  };

  function renew() {
    if (closing || renewal) return;
    const wait = lastRenewal + RENEW_EVERY_MS - Date.now();
    if (wait <= 0) replace();
    else renewal = setTimeout(replace, wait).unref();
  }

  current = open();
  renewers.add(renew);
  guardWriteAfterClose();
  return {
    get db() {
      return current.db;
    },
    kind: "postgres",
    description: describeUrl(url),
    close: async () => {
      closing = true;
      renewers.delete(renew);
      if (renewal) clearTimeout(renewal);
      await Promise.all([current.client.end({ timeout: 5 }), ...retiring]);
    },
  };
}

export function openDatabase(options: DatabaseOptions = {}): DatabaseHandle {
  if (options.url) return openPostgres(options.url, options.maxConnections ?? 10);
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

/**
 * `whileLocked` runs after the migrations, still under the lock: the demo data, which two worker
 * processes starting on one empty database would otherwise both try to insert.
 */
export async function migrateDatabase(options: DatabaseOptions, handle: DatabaseHandle, whileLocked?: () => Promise<unknown>): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as never, config);
    await whileLocked?.();
    return;
  }
  // One dedicated connection holds an advisory lock for the whole migration.
  const client = postgres(options.url!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(client), config);
    await whileLocked?.();
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
