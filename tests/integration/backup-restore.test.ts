/**
 * Backups and tested restores: scripts/backup.sh, scripts/restore.sh, scripts/verify-restore.ts,
 * run as child processes the way an operator runs them.
 *
 * Every stage: both scripts refuse the embedded database (PGlite is copied with the app stopped)
 * and bad arguments, before touching anything.
 *
 * The PostgreSQL server stage only (TEST_DATABASE=postgres): a demo database with a photo stored
 * through the app is backed up, a tampered copy is refused by its checksum, the backup is restored
 * into another database and attachments directory, and the app's own model functions read the same
 * there as on the source; a restore over a non-empty database is refused without --force and
 * changes nothing, as does a --force restore that fails halfway; the verification catches an altered file and a changed row count. That block is
 * registered only on the server stage (like the two-process test of reminders.test.ts): on PGlite
 * there is no pg_dump to test, and an unregistered block is not counted as skipped.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, migrateDatabase, openDatabase, rowsOf } from "#db/client";
import { attachments, sessions, supervisionPlans, units, users, visits } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { TEMPLATE_DATABASE, adminUrl, testDatabaseKind } from "#tests/support/database-config";
import type { Actor } from "~/auth/actor";
import { setDatabaseForTests } from "~/db.server";
import { readVisitAttachment, storeVisitPhoto } from "~/models/attachment.server";
import { getPlan, listPlans } from "~/models/plan.server";
import { createSession, getActorForSession } from "~/models/session.server";
import { listUsers, verifyLogin } from "~/models/user.server";
import { LocalDiskStore, setAttachmentStoreForTests } from "~/storage/attachment-store.server";

type Run = { code: number | null; stdout: string; stderr: string };

/** The environment of a script run: the test's own, without any database or storage settings. */
function scriptEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ["DATABASE_URL", "ATTACHMENTS_DIR", "ATTACHMENT_STORE", "PGLITE_DATA_DIR", "INIT_CWD"]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: scriptEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const backup = (dir: string, env: Record<string, string>) => run("bash", ["scripts/backup.sh", dir], env);
const restore = (args: string[], env: Record<string, string>) => run("bash", ["scripts/restore.sh", ...args], env);
const verify = (dir: string, env: Record<string, string>) => run("node_modules/.bin/tsx", ["scripts/verify-restore.ts", dir], env);

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "hdnd-backup-test-"));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe("the embedded database and bad arguments", () => {
  it("backup without DATABASE_URL refuses, says to copy the PGlite and attachments directories with the app stopped, writes nothing", async () => {
    const out = path.join(scratch, "pglite-backup");
    const result = await backup(out, { PGLITE_DATA_DIR: "/srv/hdnd/pglite", ATTACHMENTS_DIR: "/srv/hdnd/tep" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DATABASE_URL chưa được đặt");
    expect(result.stderr).toContain("dừng ứng dụng");
    expect(result.stderr).toContain("/srv/hdnd/pglite");
    expect(result.stderr).toContain("/srv/hdnd/tep");
    expect(existsSync(out)).toBe(false);
  });

  it("restore without DATABASE_URL refuses; without a directory or with an unknown option it prints the usage", async () => {
    const noUrl = await restore([scratch], {});
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain("DATABASE_URL chưa được đặt");
    for (const args of [[], ["--xoa-het", scratch], [scratch, scratch]]) {
      const result = await restore(args, { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("cách dùng: npm run restore -- <thư mục sao lưu> [--force]");
    }
  });

  it("restore of a directory without manifest.json refuses before connecting anywhere", async () => {
    const dir = mkdtempSync(path.join(scratch, "not-a-backup-"));
    writeFileSync(path.join(dir, "database.dump"), "PGDMP");
    const result = await restore([dir], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("không phải một bản sao lưu hoàn chỉnh");
  });

  it("backup refuses a directory that already holds files, and leaves them alone", async () => {
    const dir = mkdtempSync(path.join(scratch, "old-backup-"));
    writeFileSync(path.join(dir, "database.dump"), "bản cũ");
    const result = await backup(dir, { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("đã có tệp");
    expect(readFileSync(path.join(dir, "database.dump"), "utf8")).toBe("bản cũ");
  });
});

// Registered only on the server stage: see the header.
if (testDatabaseKind() === "postgres") {
  describe("backup and restore on the PostgreSQL server", () => {
    const SOURCE = "hdnd_backup_src";
    const TARGET = "hdnd_backup_dst";
    const sourceUrl = adminUrl(SOURCE);
    const targetUrl = adminUrl(TARGET);
    let admin: postgres.Sql;
    let source: DatabaseHandle;
    let target: DatabaseHandle | undefined;
    let sourceFiles: string;
    let targetFiles: string;
    let backupDir: string;
    let sessionId: string;
    let photo: { id: number; bytes: Uint8Array };
    let planId: number;

    /** What the app shows, read through its models on the database and store in use. */
    async function appView() {
      const login = await verifyLogin("nhung.vt", DEMO_PASSWORD);
      const member = (await getActorForSession(sessionId)) as Actor;
      const chair = (await getActorForSession(await createSession(await userId("trang.ttt"), null))) as Actor;
      const administrator = (await getActorForSession(await createSession(await userId("quantri"), null))) as Actor;
      return {
        login,
        member,
        plans: await listPlans(chair),
        plan: await getPlan(chair, planId),
        users: await listUsers(administrator),
        photo: await readVisitAttachment(member, photo.id),
      };
    }

    async function userId(username: string): Promise<number> {
      const login = await verifyLogin(username, DEMO_PASSWORD);
      if (!login.ok) throw new Error(`cannot sign in as ${username}`);
      return login.userId;
    }

    async function use(handle: DatabaseHandle, files: string) {
      setDatabaseForTests(handle);
      setAttachmentStoreForTests(new LocalDiskStore(files));
    }

    async function tableCount(url: string): Promise<number> {
      const client = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const [row] = await client<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname IN ('public', 'drizzle')`;
        return row.n;
      } finally {
        await client.end();
      }
    }

    const targetEnv = () => ({ DATABASE_URL: targetUrl, ATTACHMENTS_DIR: targetFiles });

    beforeAll(async () => {
      admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      for (const name of [SOURCE, TARGET]) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE ${SOURCE} TEMPLATE ${TEMPLATE_DATABASE}`);
      sourceFiles = mkdtempSync(path.join(scratch, "source-files-"));
      targetFiles = path.join(scratch, "target-files"); // made by the restore
      backupDir = path.join(scratch, "backup");
      source = openDatabase({ url: sourceUrl, maxConnections: 3 });
      await use(source, sourceFiles);
      await ensureDemoData(source.db);

      // One photo stored by a team member on this year's Bình An visit, through the app's model.
      const member = await userId("nhung.vt");
      sessionId = await createSession(member, "Máy tính bảng của đoàn");
      const [visit] = await source.db
        .select({ id: visits.id, planId: visits.planId })
        .from(visits)
        .innerJoin(units, eq(units.id, visits.unitId))
        .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
        .where(eq(units.name, "Bộ phận Một cửa phường Bình An"))
        .orderBy(supervisionPlans.id);
      planId = visit.planId;
      const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(4096), 0xff, 0xd9]);
      const actor = (await getActorForSession(sessionId)) as Actor;
      const stored = await storeVisitPhoto(actor, visit.id, { clientId: randomUUID(), itemId: null, fileName: "bảng niêm yết.jpg", bytes });
      expect(stored.duplicate).toBe(false);
      photo = { id: stored.id, bytes };
    }, 120_000);

    afterAll(async () => {
      await source?.close();
      await target?.close();
      for (const name of [SOURCE, TARGET]) await admin?.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin?.end();
    });

    it("writes the dump, the attachments and a manifest with row counts and checksums", async () => {
      const result = await backup(backupDir, { DATABASE_URL: sourceUrl, ATTACHMENTS_DIR: sourceFiles });
      expect(result.code, result.stderr).toBe(0);
      expect(readdirSync(backupDir).sort()).toEqual(["attachments.tar.gz", "database.dump", "manifest.json"]);
      const manifest = JSON.parse(readFileSync(path.join(backupDir, "manifest.json"), "utf8"));
      const userCount = await source.db.$count(users);
      expect(manifest).toMatchObject({
        format: 1,
        database: `127.0.0.1:5432/${SOURCE}`,
        dump: { file: "database.dump", sha256: sha256(readFileSync(path.join(backupDir, "database.dump"))) },
        attachments: { store: "local", file: "attachments.tar.gz", files: 1, sha256: sha256(readFileSync(path.join(backupDir, "attachments.tar.gz"))) },
      });
      expect(manifest.rowCounts["public.users"]).toBe(userCount);
      expect(manifest.rowCounts["public.attachments"]).toBe(1);
      expect(manifest.rowCounts["public.sessions"]).toBeGreaterThanOrEqual(1);
      expect(manifest.rowCounts["drizzle.__drizzle_migrations"]).toBe(readdirSync("db/migrations").filter((f) => f.endsWith(".sql")).length);
      expect(Object.keys(manifest.rowCounts)).toHaveLength(await tableCount(sourceUrl));
      expect(manifest.pgDumpVersion).toMatch(/^pg_dump \(PostgreSQL\) \d+/);
      expect(manifest.gitCommit === null || /^[0-9a-f]{40}$/.test(manifest.gitCommit)).toBe(true);
      expect(Date.now() - Date.parse(manifest.createdAt)).toBeLessThan(120_000);
    });

    it("with ATTACHMENT_STORE=s3 leaves the files to the bucket's own versioning and says so", async () => {
      const dir = path.join(scratch, "backup-s3");
      const result = await backup(dir, { DATABASE_URL: sourceUrl, ATTACHMENT_STORE: "s3" });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("ATTACHMENT_STORE=s3: không đóng gói tệp đính kèm");
      expect(readdirSync(dir).sort()).toEqual(["database.dump", "manifest.json"]);
      const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
      expect(manifest.attachments).toEqual({ store: "s3", file: null, files: null, sha256: null });
    });

    it("refuses a dump with one byte changed, by its checksum, and creates nothing", async () => {
      await admin.unsafe(`CREATE DATABASE ${TARGET}`);
      const tampered = path.join(scratch, "tampered");
      cpSync(backupDir, tampered, { recursive: true });
      const dumpFile = path.join(tampered, "database.dump");
      const bytes = readFileSync(dumpFile);
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      writeFileSync(dumpFile, bytes);
      const result = await restore([tampered, "--force"], targetEnv());
      expect(result.code).toBe(4);
      expect(result.stderr).toContain("sha256 của database.dump không khớp");
      expect(await tableCount(targetUrl)).toBe(0);
      expect(existsSync(targetFiles)).toBe(false);
    });

    it("restores into an empty database: the app's models read there what they read on the source", async () => {
      await use(source, sourceFiles);
      const before = await appView();
      expect(before.login.ok).toBe(true);
      expect(before.member).toMatchObject({ username: "nhung.vt" });
      expect(before.plans.length).toBeGreaterThan(0);
      expect(before.users.length).toBeGreaterThan(10);
      expect(before.photo?.bytes).toEqual(photo.bytes);

      const result = await restore([backupDir], targetEnv());
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
      expect(result.stdout).toContain("Kiểm tra sau khôi phục: đạt.");
      expect(result.stdout).toContain("1 tệp đính kèm có đủ");

      target = openDatabase({ url: targetUrl, maxConnections: 3 });
      await use(target, targetFiles);
      const after = await appView();
      expect(after).toEqual(before);
      expect(sha256(after.photo!.bytes)).toBe(sha256(photo.bytes));
      // The app starts on it without migrating: the migrator finds nothing to apply.
      const migrations = async () => rowsOf<{ n: number }>(await target!.db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`))[0].n;
      const migrationsBefore = await migrations();
      await migrateDatabase({ url: targetUrl }, target);
      expect(await migrations()).toBe(migrationsBefore);
    });

    it("refuses to restore over a non-empty database without --force and changes nothing; a failed --force changes nothing; --force replaces it", async () => {
      await target!.db.update(users).set({ fullName: "Người đã đổi tên sau khôi phục" }).where(eq(users.username, "nhung.vt"));
      const filesBefore = readdirSync(targetFiles, { recursive: true }).sort();
      const refused = await restore([backupDir], targetEnv());
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain("cơ sở dữ liệu đích không trống");
      expect(refused.stderr).toContain("--force");
      const [renamed] = await target!.db.select({ fullName: users.fullName }).from(users).where(eq(users.username, "nhung.vt"));
      expect(renamed.fullName).toBe("Người đã đổi tên sau khôi phục");
      expect(readdirSync(targetFiles, { recursive: true }).sort()).toEqual(filesBefore);

      // A dump that breaks off halfway (its checksum made to match): the drop and what was restored
      // before the break are rolled back together.
      const truncated = path.join(scratch, "truncated");
      cpSync(backupDir, truncated, { recursive: true });
      const whole = readFileSync(path.join(truncated, "database.dump"));
      const half = whole.subarray(0, Math.floor(whole.length * 0.6));
      writeFileSync(path.join(truncated, "database.dump"), half);
      const manifest = JSON.parse(readFileSync(path.join(truncated, "manifest.json"), "utf8"));
      manifest.dump.sha256 = sha256(half);
      writeFileSync(path.join(truncated, "manifest.json"), JSON.stringify(manifest));
      const broken = await restore([truncated, "--force"], targetEnv());
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain("cơ sở dữ liệu đích không thay đổi");
      const [kept] = await target!.db.select({ fullName: users.fullName }).from(users).where(eq(users.username, "nhung.vt"));
      expect(kept.fullName).toBe("Người đã đổi tên sau khôi phục");

      await target!.close();
      target = undefined;
      const forced = await restore([backupDir, "--force"], targetEnv());
      expect(forced.code, `${forced.stdout}\n${forced.stderr}`).toBe(0);
      target = openDatabase({ url: targetUrl, maxConnections: 3 });
      const [restored] = await target.db.select({ fullName: users.fullName }).from(users).where(eq(users.username, "nhung.vt"));
      expect(restored.fullName).toBe("Vũ Thị Nhưng");
    });

    it("the verification fails on an altered attachment file and a changed row count, naming each", async () => {
      const [row] = await target!.db.select({ storageKey: attachments.storageKey }).from(attachments).where(eq(attachments.id, photo.id));
      writeFileSync(path.join(targetFiles, row.storageKey), new Uint8Array([0xff, 0xd8, 0xff, 0x00]));
      await target!.db.delete(sessions);
      const result = await verify(backupDir, targetEnv());
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Tệp đính kèm #${photo.id} (${row.storageKey}): sha256 không khớp`);
      expect(result.stderr).toMatch(/Bảng public\.sessions: 0 dòng, bản sao lưu có \d+\./);
      expect(result.stderr).toContain("Kiểm tra sau khôi phục: 2 lỗi.");
    });
  });
}
