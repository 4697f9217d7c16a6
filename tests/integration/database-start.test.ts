/**
 * The app's database handle: a server that is unreachable at start is tried again on the next
 * request instead of leaving the app broken until a restart.
 */
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { rowsOf } from "#db/client";
import { databaseHandle, getDb } from "~/db.server";
import { adminUrl, testDatabaseKind } from "#tests/support/database-config";
import postgres from "postgres";

const saved = { url: process.env.DATABASE_URL, dir: process.env.PGLITE_DATA_DIR };
let created: string | null = null;

afterAll(async () => {
  (await databaseHandle().catch(() => null))?.close();
  if (created) {
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${created} WITH (FORCE)`);
    await admin.end();
  }
  process.env.DATABASE_URL = saved.url;
  process.env.PGLITE_DATA_DIR = saved.dir;
});

describe("opening the app's database", () => {
  it("fails while the server is unreachable, then opens once it is there", async () => {
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/nowhere";
    await expect(getDb()).rejects.toThrow();
    await expect(getDb()).rejects.toThrow(); // tried again, not a cached failure

    if (testDatabaseKind() === "postgres") {
      created = `hdnd_start_${process.pid}`;
      const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${created} WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE ${created}`);
      await admin.end();
      process.env.DATABASE_URL = adminUrl(created);
    } else {
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DATA_DIR = "memory://";
    }
    const db = await getDb();
    // Opened and migrated: the tables are there.
    const [row] = rowsOf<{ n: number | string }>(await db.execute(sql`select count(*) as n from users`));
    expect(Number(row.n)).toBe(0);
  });
});
