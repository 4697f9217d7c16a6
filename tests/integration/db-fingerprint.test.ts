import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoData } from "#db/seed";
import { type TestDatabase, freshDatabase } from "#tests/support/database";
import { changedTables, fingerprint } from "#tests/support/db-fingerprint";

let handle: TestDatabase;

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
});

afterAll(async () => {
  await handle?.close();
});

describe("database fingerprint", () => {
  it("is the same when nothing was written, and names the one table a write touched", async () => {
    const before = await fingerprint(handle.db);
    expect(Object.keys(before)).toContain("recommendations");
    expect(changedTables(before, await fingerprint(handle.db))).toEqual([]);
    await handle.db.execute(sql`update units set name = name || ' ' where id = (select min(id) from units)`);
    expect(changedTables(before, await fingerprint(handle.db))).toEqual(["units"]);
  });

  it("leaves out the tables it is told to", async () => {
    const print = await fingerprint(handle.db, { exclude: ["sessions"] });
    expect(Object.keys(print)).not.toContain("sessions");
  });
});
