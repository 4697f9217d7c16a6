/**
 * `tsx scripts/verify-restore.ts <backup dir>`: checks a database restored from a backup of
 * scripts/backup.sh (run by scripts/restore.sh as its last step; may be run again by hand), on
 * DATABASE_URL and ATTACHMENTS_DIR (default data/attachments):
 *   - every table of public and drizzle has the row count the manifest recorded, and no other table;
 *   - drizzle's migrations table holds every migration of db/migrations with its hash, so the app
 *     starts on this database without migrating (the migrator only applies files newer than the
 *     newest row);
 *   - every attachment row's storage key has a file, read through the app's own store, whose
 *     sha256 equals attachments.sha256 (skipped when the backup says the files are in S3).
 *
 * Exit codes: 0 all checks passed; 1 a check failed (each problem printed); 2 wrong arguments.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readMigrationFiles } from "drizzle-orm/migrator";
import postgres from "postgres";
import { LocalDiskStore } from "~/storage/attachment-store.server";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

type Manifest = {
  format: number;
  rowCounts: Record<string, number>;
  attachments?: { store?: string; files?: number | null };
};

async function main(args: string[]): Promise<number> {
  if (args.length !== 1 || !process.env.DATABASE_URL) {
    console.error("Cách dùng: DATABASE_URL=postgres://… [ATTACHMENTS_DIR=…] tsx scripts/verify-restore.ts <thư mục sao lưu>");
    return 2;
  }
  const manifest = JSON.parse(readFileSync(path.join(args[0], "manifest.json"), "utf8")) as Manifest;
  const attachmentsDir = path.resolve(ROOT, process.env.ATTACHMENTS_DIR ?? "data/attachments");
  const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const problems: string[] = [];
  try {
    // 1. Row counts.
    const tables = await sql<{ name: string }[]>`
      SELECT format('%s.%s', n.nspname, c.relname) AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('public', 'drizzle') AND c.relkind IN ('r', 'p')
      ORDER BY 1`;
    const present = new Set(tables.map((t) => t.name));
    for (const [name, expected] of Object.entries(manifest.rowCounts)) {
      if (!present.has(name)) {
        problems.push(`Thiếu bảng ${name}.`);
        continue;
      }
      const [schema, table] = name.split(".");
      const [row] = await sql<{ n: string }[]>`SELECT count(*)::text AS n FROM ${sql(schema)}.${sql(table)}`;
      if (Number(row.n) !== Number(expected)) problems.push(`Bảng ${name}: ${row.n} dòng, bản sao lưu có ${expected}.`);
    }
    for (const name of present) if (!(name in manifest.rowCounts)) problems.push(`Bảng ${name} không có trong bản sao lưu.`);
    if (problems.length === 0) console.log(`Số dòng của ${present.size} bảng khớp với bản sao lưu.`);

    // 2. Migrations.
    const migrations = readMigrationFiles({ migrationsFolder: path.join(ROOT, "db/migrations") });
    const applied = present.has("drizzle.__drizzle_migrations")
      ? await sql<{ hash: string; created_at: string }[]>`SELECT hash, created_at::text FROM drizzle.__drizzle_migrations`
      : [];
    const missing = migrations.filter((m) => !applied.some((a) => a.hash === m.hash && Number(a.created_at) === m.folderMillis));
    if (missing.length > 0) {
      problems.push(
        `Bảng drizzle.__drizzle_migrations thiếu ${missing.length}/${migrations.length} bản chuyển đổi của db/migrations (thời điểm ${missing.map((m) => m.folderMillis).join(", ")}).`,
      );
    } else {
      console.log(`Đủ ${migrations.length} bản chuyển đổi lược đồ của db/migrations.`);
    }

    // 3. Attachments.
    if (manifest.attachments?.store === "s3") {
      console.log("Tệp đính kèm nằm trong kho đối tượng (S3): không kiểm tra tệp.");
    } else if (present.has("public.attachments")) {
      const store = new LocalDiskStore(attachmentsDir);
      const rows = await sql<{ id: number; storage_key: string; sha256: string }[]>`
        SELECT id, storage_key, sha256 FROM attachments ORDER BY id`;
      let bad = 0;
      for (const row of rows) {
        let bytes: Uint8Array | null;
        try {
          bytes = await store.get(row.storage_key);
        } catch (error) {
          problems.push(`Tệp đính kèm #${row.id} (${row.storage_key}): ${(error as Error).message}.`);
          bad += 1;
          continue;
        }
        if (!bytes) {
          problems.push(`Tệp đính kèm #${row.id}: không có tệp ${row.storage_key} trong ${attachmentsDir}.`);
          bad += 1;
        } else if (createHash("sha256").update(bytes).digest("hex") !== row.sha256) {
          problems.push(`Tệp đính kèm #${row.id} (${row.storage_key}): sha256 không khớp với cơ sở dữ liệu.`);
          bad += 1;
        }
      }
      if (bad === 0) console.log(`${rows.length} tệp đính kèm có đủ trong ${attachmentsDir}, đúng sha256.`);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
  if (problems.length > 0) {
    console.error(`Kiểm tra sau khôi phục: ${problems.length} lỗi.`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }
  console.log("Kiểm tra sau khôi phục: đạt.");
  return 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error("Kiểm tra sau khôi phục bị lỗi:", error instanceof Error ? error.message : error);
  return 1;
});
