/**
 * The database of tests/e2e/injection.e2e.ts, made before its server starts: a PGlite directory
 * with the demo data and the injection fixture written through the app's models (the e2e runner
 * itself does not load the app's modules, so this runs in its own process under tsx). Photos and
 * evidence go to ATTACHMENTS_DIR, which the server is then given too. The fixture's ids go to the
 * JSON file, with the demo visit whose findings the team can still write (currentVisitId).
 *   node --import tsx tests/e2e/support/injection-seed.ts <pglite dir> <fixture.json>
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { and, desc, eq } from "drizzle-orm";
import { type DatabaseHandle, migrateDatabase, openDatabase } from "#db/client";
import { supervisionPlans, units, visits } from "#db/schema";
import { ensureDemoData } from "#db/seed";
import { setDatabaseForTests } from "~/db.server";
import { PGLITE_SNAPSHOT } from "../../support/database-config";
import { buildInjectionFixture } from "../../support/injection-fixture";

const [dataDir, output] = process.argv.slice(2);
if (!dataDir || !output || !process.env.ATTACHMENTS_DIR) {
  console.error("usage: ATTACHMENTS_DIR=… node --import tsx tests/e2e/support/injection-seed.ts <pglite dir> <fixture.json>");
  process.exit(2);
}
/**
 * The migrated snapshot the integration tests made, when there is one (CI runs them first), is
 * several times faster to load than migrating; migrating after it adds what it lacks.
 */
async function open(): Promise<DatabaseHandle> {
  if (existsSync(PGLITE_SNAPSHOT)) {
    try {
      const pg = new PGlite(dataDir, { loadDataDir: new Blob([readFileSync(PGLITE_SNAPSHOT)]) });
      await pg.waitReady;
      return openDatabase({ pglite: pg });
    } catch (error) {
      console.error(`the snapshot ${PGLITE_SNAPSHOT} did not load (${(error as Error).message}); migrating instead`);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return openDatabase({ pgliteDataDir: dataDir });
}

const handle = await open();
await migrateDatabase({ pgliteDataDir: dataDir }, handle);
await ensureDemoData(handle.db);
setDatabaseForTests(handle);
const fixture = await buildInjectionFixture(handle.db);
// This year's visit of Bộ phận Một cửa phường Bình An, still open (README: nhung.vt's checklist).
const [current] = await handle.db
  .select({ id: visits.id })
  .from(visits)
  .innerJoin(units, eq(units.id, visits.unitId))
  .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
  .where(and(eq(units.name, "Bộ phận Một cửa phường Bình An"), eq(supervisionPlans.status, "in_progress")))
  .orderBy(desc(visits.id))
  .limit(1);
await handle.close();
if (!current) throw new Error("no open visit of Bộ phận Một cửa phường Bình An in the demo data");
writeFileSync(output, JSON.stringify({ ...fixture, currentVisitId: current.id }));
