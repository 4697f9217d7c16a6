import { type DatabaseHandle, type DatabaseOptions, type Db, migrateDatabase, openDatabase } from "#db/client";
import { ensureDemoData } from "#db/seed";

/**
 * The process's one database handle. It is opened when the server module is first imported
 * (entry.server.tsx asks for it at load), not in the first request, and kept on globalThis so that
 * the dev server's module reloads do not open PGlite twice.
 */
const state = globalThis as typeof globalThis & { __hdndDatabase?: Promise<DatabaseHandle> };

export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, maxConnections: Number(env.DATABASE_POOL_SIZE ?? 10) };
  }
  return { pgliteDataDir: env.PGLITE_DATA_DIR ?? "data/pglite" };
}

async function start(): Promise<DatabaseHandle> {
  const options = databaseOptionsFromEnv();
  const handle = openDatabase(options);
  // Demo accounts have published passwords: loaded by default only on the embedded database.
  const demo = process.env.DEMO_DATA ? process.env.DEMO_DATA === "1" : handle.kind === "pglite";
  try {
    // Under the migration lock: worker processes starting together load the demo data once.
    await migrateDatabase(options, handle, demo ? () => ensureDemoData(handle.db, { log: console.log }) : undefined);
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
  closeOnShutdown(handle);
  console.log(`Cơ sở dữ liệu: ${handle.description}`);
  return handle;
}

function closeOnShutdown(handle: DatabaseHandle) {
  // remix-serve does not exit on SIGTERM while postgres.js holds idle connections.
  const stop = (signal: NodeJS.Signals) => {
    handle.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

export function databaseHandle(): Promise<DatabaseHandle> {
  if (!state.__hdndDatabase) {
    const starting = start();
    state.__hdndDatabase = starting;
    // A server that was unreachable at start is tried again by the next request, not never.
    starting.catch(() => {
      if (state.__hdndDatabase === starting) state.__hdndDatabase = undefined;
    });
  }
  return state.__hdndDatabase;
}

export async function getDb(): Promise<Db> {
  return (await databaseHandle()).db;
}

/** Tests hand in a database they prepared (migrated, cloned, or a fresh server database). */
export function setDatabaseForTests(handle: DatabaseHandle) {
  state.__hdndDatabase = Promise.resolve(handle);
}
