/**
 * A fresh, migrated database for one test file, on PGlite or on the PostgreSQL server, handed to
 * the app's database singleton so models and routes run against it unchanged.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "../../db/client";
import { setDatabaseForTests } from "../../app/db.server";
import { PGLITE_SNAPSHOT, TEMPLATE_DATABASE, adminUrl, testDatabaseKind } from "./database-config";

/** `url`: the server database's address (PostgreSQL only), for tests that start other processes on it. */
export type TestDatabase = DatabaseHandle & { url?: string };

export async function freshDatabase(): Promise<TestDatabase> {
  let handle: TestDatabase;
  if (testDatabaseKind() === "postgres") {
    const name = `hdnd_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
    const inner = openDatabase({ url: adminUrl(name), maxConnections: 5 });
    handle = {
      ...inner,
      url: adminUrl(name),
      async close() {
        await inner.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  } else {
    const pg = new PGlite({ loadDataDir: new Blob([readFileSync(PGLITE_SNAPSHOT)]) });
    await pg.waitReady;
    handle = openDatabase({ pglite: pg });
  }
  setDatabaseForTests(handle);
  return handle;
}
