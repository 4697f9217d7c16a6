/**
 * `npm run bench:seed -- --scale commune|province|national`: (re)creates the benchmark database,
 * migrates it, loads the demo data, then ten years of supervisions at the chosen scale through
 * COPY (two generating processes, each with its own streams), rebuilds indexes and foreign keys,
 * vacuums and analyzes, and records in `bench_seed_info` what the benchmark opens (accounts, a
 * checklist visit, a notice, a recommendation), the row counts and the time of each phase. Photos
 * and evidence are metadata rows only: no file bytes are written.
 *
 * Exit codes: 0 done; 1 failed; 2 wrong arguments.
 */
import { type ChildProcess, fork } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import postgres, { type Sql } from "postgres";
import { migrateDatabase, openDatabase } from "#db/client";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { hashPassword } from "~/auth/password.server";
import { toDay } from "./days";
import { type Generator, type GeneratorConfig, IdAllocator, type ProvinceCtx, SeriesBook, type TemplateItem, type UserRef, createProvince } from "./generator";
import { CopySinks, maxIds, resetSequences, restoreConstraints, setAsideConstraints } from "./load";
import { PROVINCES } from "./names";
import { NATIONAL_COMMUNES, NATIONAL_PROVINCES, PROVINCE_COMMUNES, type SeedOptions, USAGE, databaseTarget, parseSeedArgs, provinceSizes } from "./scales";
import { type CommuneSpec, type ExistingCommune, type Share, type ShareResult, communeSpecs, idRanges } from "./share";
import { ID_TABLES, TABLE_NAMES } from "./tables";
import type { WorkerInput, WorkerMessage } from "./worker";

export { GENERATOR_VERSION } from "./version";
import { GENERATOR_VERSION } from "./version";

const seconds: Record<string, number> = {};
async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  process.stdout.write(`${name} … `);
  const result = await run();
  seconds[name] = Math.round((performance.now() - start) / 100) / 10;
  console.log(`${seconds[name]} s`);
  return result;
}

async function recreateDatabase(options: SeedOptions) {
  const { database, maintenanceUrl } = databaseTarget(options.databaseUrl);
  const admin = postgres(maintenanceUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function migrateAndLoadDemo(options: SeedOptions) {
  const dbOptions = { url: options.databaseUrl, maxConnections: 2 };
  const handle = openDatabase(dbOptions);
  try {
    await migrateDatabase(dbOptions, handle);
    await ensureDemoData(handle.db);
  } finally {
    await handle.close();
  }
}

async function templateItems(sql: Sql): Promise<{ templateId: number; items: TemplateItem[] }> {
  const [template] = await sql<{ id: number }[]>`select id from checklist_templates where status = 'published' order by id limit 1`;
  if (!template) throw new Error("the demo data has no published checklist template");
  const rows = await sql<{ id: number; code: string; text: string; answerType: TemplateItem["answerType"]; indicatorCode: string | null; targetPercent: string | null }[]>`
    select i.id, i.code, i.text, i.answer_type as "answerType", i.indicator_code as "indicatorCode", i.target_percent::text as "targetPercent"
    from checklist_items i join checklist_sections s on s.id = i.section_id
    where s.template_id = ${template.id}
    order by s.position, i.position`;
  return { templateId: template.id, items: rows.map((r) => ({ ...r, targetPercent: r.targetPercent === null ? null : Number(r.targetPercent) })) };
}

type UnitRow = { id: number; path: string; name: string };

/** The demo's provinces Bình Dương and Quảng Ngãi and ward Bình An, as the generator sees them. */
async function demoContexts(sql: Sql) {
  const unitByCode = async (code: string) => {
    const [row] = await sql<UnitRow[]>`select id, path, name from units where code = ${code}`;
    if (!row) throw new Error(`the demo data has no unit ${code}`);
    return row;
  };
  const child = async (parentId: number, kind: string) => {
    const [row] = await sql<UnitRow[]>`select id, path, name from units where parent_id = ${parentId} and kind = ${kind} order by id limit 1`;
    return row ?? null;
  };
  const user = async (username: string): Promise<UserRef> => {
    const [row] = await sql<{ id: number; fullName: string; title: string }[]>`select id, full_name as "fullName", title from users where username = ${username}`;
    if (!row) throw new Error(`the demo data has no user ${username}`);
    return { ...row, username };
  };
  const bd = await unitByCode("BD");
  const qng = await unitByCode("QNG");
  const ward = await unitByCode("BD-DIAN-BINHAN");
  const council = (await child(ward.id, "people_council"))!;
  const committee = (await child(ward.id, "people_committee"))!;
  const center = (await child(committee.id, "public_service_center"))!;
  const binhAn: ExistingCommune = {
    code: "BD-DIAN-BINHAN",
    kind: "phường",
    place: "Bình An",
    id: ward.id,
    path: ward.path,
    councilId: council.id,
    councilName: council.name,
    committeeId: committee.id,
    committeeName: committee.name,
    centerId: center.id,
    centerName: center.name,
    frontId: (await child(ward.id, "fatherland_front"))!.id,
    chair: await user("trang.ttt"),
    vice: await user("an.bd"),
    team: [await user("nhung.vt")],
    committeeUser: await user("ubnd.binhan"),
    centerUser: await user("motcua.binhan"),
  };
  return {
    binhDuong: { id: bd.id, path: bd.path, councilId: (await child(bd.id, "people_council"))!.id, placeName: "Bình Dương", code: "BD" } satisfies ProvinceCtx,
    quangNgai: { id: qng.id, path: qng.path, councilId: (await child(qng.id, "people_council"))?.id ?? null, placeName: "Quảng Ngãi", code: "QNG" },
    binhAn,
  };
}

type Demo = Awaited<ReturnType<typeof demoContexts>>;

/** The provinces (new ones written here) and every new commune, in a fixed order. */
async function provincesAndCommunes(sql: Sql, cfg: GeneratorConfig, options: SeedOptions, demo: Demo, ids: IdAllocator): Promise<CommuneSpec[]> {
  if (options.scale === "commune") return [];
  const taken = new Set(["Bình An", "Dĩ An", "Đông Hòa", "Tân Bình", "An Bình", "Tân Đông Hiệp"]);
  const specs = communeSpecs(options.seed, demo.binhDuong, PROVINCE_COMMUNES - 1, "bd", taken);
  if (options.scale !== "national") return specs;
  const sizes = provinceSizes(options.seed, NATIONAL_PROVINCES, NATIONAL_COMMUNES, PROVINCE_COMMUNES);
  const sink = await CopySinks.open(sql, ["units"]);
  const g: Generator = { cfg, ids, series: new SeriesBook(), emit: sink.emit };
  let quangNgai: ProvinceCtx;
  if (demo.quangNgai.councilId === null) {
    const councilId = ids.next("units");
    g.emit("units", [councilId, demo.quangNgai.id, `${demo.quangNgai.path}${councilId}/`, "people_council", "HĐND tỉnh Quảng Ngãi", "Quảng Ngãi", null, true, `${cfg.startYear - 1}-11-17 08:00:00+07`]);
    quangNgai = { ...demo.quangNgai, councilId };
  } else quangNgai = { ...demo.quangNgai, councilId: demo.quangNgai.councilId };
  specs.push(...communeSpecs(options.seed, quangNgai, sizes[1], "qng", new Set(["Phổ Châu"])));
  for (const [index, [name, isCity]] of PROVINCES.entries()) {
    const number = String(index + 3).padStart(2, "0");
    const province = createProvince(g, { name, isCity, code: `P${number}` });
    specs.push(...communeSpecs(options.seed, province, sizes[index + 2], `p${number}`, new Set()));
  }
  await sink.close();
  return specs;
}

function runWorker(input: WorkerInput, onProgress: (communes: number) => void, children: ChildProcess[]): Promise<Extract<WorkerMessage, { type: "done" }>> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL("./worker.ts", import.meta.url)), [], {
      execArgv: ["--import", "tsx", "--max-semi-space-size=64"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.push(child);
    let settled = false;
    child.on("message", (message: WorkerMessage) => {
      if (message.type === "progress") onProgress(message.communes);
      else if (message.type === "done") {
        settled = true;
        resolve(message);
      } else {
        settled = true;
        reject(new Error(`generating process failed: ${message.error}`));
      }
    });
    child.on("exit", (code) => {
      if (!settled) reject(new Error(`generating process exited with code ${code}`));
    });
    child.send(input);
  });
}

async function generate(sql: Sql, options: SeedOptions, demo: Demo) {
  const { templateId, items } = await templateItems(sql);
  const series = await sql<{ issuingUnitId: number; year: number; documentType: string; lastNumber: number }[]>`
    select issuing_unit_id as "issuingUnitId", year, document_type as "documentType", last_number as "lastNumber" from document_series`;
  const cfg: GeneratorConfig = {
    seed: options.seed,
    today: toDay(options.today),
    startYear: Number(options.today.slice(0, 4)) - options.years + 1,
    templateId,
    items,
    passwordHash: await hashPassword(DEMO_PASSWORD),
  };
  const setAside = await setAsideConstraints(sql, TABLE_NAMES);
  for (const table of TABLE_NAMES) await sql.unsafe(`ALTER TABLE "${table}" SET (autovacuum_enabled = false)`);

  const mainIds = new IdAllocator(await maxIds(sql, ID_TABLES));
  const specs = await provincesAndCommunes(sql, cfg, options, demo, mainIds);
  // Two fixed halves: Bình An and the first communes (the bench commune among them) in the first.
  const half = Math.ceil((specs.length + 1) / 2);
  const shares: Share[] = [{ existing: demo.binhAn, communes: specs.slice(0, half - 1), bench: { province: demo.binhDuong } }];
  if (specs.length > half - 1) shares.push({ existing: null, communes: specs.slice(half - 1), bench: null });
  const ranges = idRanges(mainIds.snapshot(), shares.map((s) => s.communes.length + (s.existing ? 1 : 0)), options.years, items.length);

  const total = specs.length + 1;
  let done = 0;
  let shown = 0;
  const children: ChildProcess[] = [];
  try {
    const results = await Promise.all(
      shares.map((share, index) =>
        runWorker({ databaseUrl: options.databaseUrl, cfg, share, ids: ranges[index], series: [...series] }, (n) => {
          done += n;
          if (total >= 500 && done - shown >= total / 10) {
            shown = done;
            process.stdout.write(`${Math.round((100 * done) / total)}% `);
          }
        }, children),
      ),
    );
    const written: Record<string, number> = {};
    for (const r of results) for (const [table, n] of Object.entries(r.written)) written[table] = (written[table] ?? 0) + n;
    // Each council's numbers come from one share only; the demo's series are in every share's start.
    const lastNumbers = new Map<string, { issuingUnitId: number; year: number; documentType: string; lastNumber: number }>();
    for (const row of results.flatMap((r) => r.series)) {
      const key = `${row.issuingUnitId}:${row.year}:${row.documentType}`;
      if ((lastNumbers.get(key)?.lastNumber ?? 0) < row.lastNumber) lastNumbers.set(key, row);
    }
    const bench = results.map((r) => r.result.bench).find((b): b is NonNullable<ShareResult["bench"]> => b !== null)!;
    return { setAside, written, bench, series: [...lastNumbers.values()], communes: results.reduce((n, r) => n + r.result.communes, 0) };
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

async function saveSeries(sql: Sql, rows: { issuingUnitId: number; year: number; documentType: string; lastNumber: number }[]) {
  for (let i = 0; i < rows.length; i += 20_000) {
    const batch = rows.slice(i, i + 20_000);
    await sql`
      insert into document_series (issuing_unit_id, year, document_type, last_number)
      select * from unnest(${batch.map((r) => r.issuingUnitId)}::int[], ${batch.map((r) => r.year)}::int[], ${batch.map((r) => r.documentType)}::document_type[], ${batch.map((r) => r.lastNumber)}::int[])
      on conflict (issuing_unit_id, year, document_type) do update set last_number = greatest(document_series.last_number, excluded.last_number)`;
  }
}

async function vacuum(sql: Sql, tables: readonly string[], full: boolean) {
  const sizes = new Map((await sql<{ name: string; bytes: string }[]>`select relname as name, pg_total_relation_size(oid)::text as bytes from pg_class where relkind = 'r'`).map((r) => [r.name, Number(r.bytes)]));
  const queue = [...tables].sort((a, b) => (sizes.get(b) ?? 0) - (sizes.get(a) ?? 0));
  await Promise.all(
    [0, 1].map(async () => {
      for (let table = queue.shift(); table; table = queue.shift()) await sql.unsafe(full ? `VACUUM (ANALYZE) "${table}"` : `ANALYZE "${table}"`);
    }),
  );
}

async function tableCounts(sql: Sql): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public' order by tablename`;
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await sql.unsafe<{ n: string }[]>(`SELECT count(*)::text AS n FROM "${name}"`);
    out[name] = Number(row.n);
  }
  return out;
}

async function main(): Promise<number> {
  const parsed = parseSeedArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.error}\n${USAGE}`);
    return 2;
  }
  const options = parsed.options;
  const started = performance.now();
  const { database } = databaseTarget(options.databaseUrl);
  console.log(`bench:seed ${options.scale} → ${database} (${options.years} năm đến ${options.today}, seed "${options.seed}", ${os.cpus().length} CPU)`);

  await phase("create database", () => recreateDatabase(options));
  await phase("migrate + demo data", () => migrateAndLoadDemo(options));
  const sql = postgres(options.databaseUrl, { max: 6, onnotice: () => {}, connection: { application_name: "bench-seed" } });
  try {
    const demo = await demoContexts(sql);
    const generated = await phase("generate + COPY", () => generate(sql, options, demo));
    await phase("indexes + foreign keys", () => restoreConstraints(sql, generated.setAside));
    await phase("sequences + series", async () => {
      await resetSequences(sql, ID_TABLES);
      await saveSeries(sql, generated.series);
    });
    const allTables = (await sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public'`).map((t) => t.name);
    await phase(options.vacuum ? "vacuum analyze" : "analyze", () => vacuum(sql, allTables, options.vacuum));
    for (const table of TABLE_NAMES) await sql.unsafe(`ALTER TABLE "${table}" RESET (autovacuum_enabled)`);

    const counts = await tableCounts(sql);
    const [{ size }] = await sql<{ size: string }[]>`select pg_database_size(current_database())::text as size`;
    const total = Math.round((performance.now() - started) / 100) / 10;
    const { bench } = generated;
    const info: Record<string, unknown> = {
      scale: options.scale,
      generator_version: GENERATOR_VERSION,
      generated_at: new Date().toISOString(),
      today: options.today,
      years: options.years,
      seed: options.seed,
      communes_generated: generated.communes,
      counts,
      seconds: { ...seconds, total },
      database_size_bytes: Number(size),
      accounts: Object.fromEntries(Object.entries(bench.accounts).map(([username, a]) => [username, { userId: a.id, unitId: a.unitId }])),
      bench_commune: bench.commune,
      checklist: { username: "bench.team", visitId: bench.checklistVisitId, planId: bench.checklistPlanId },
      notice: { username: "bench.commune", noticeId: bench.latestNoticeId },
      recommendation: { username: "bench.unit", recommendationId: bench.openRecommendationId },
    };
    await sql`create table if not exists bench_seed_info (key text primary key, value jsonb not null)`;
    for (const [key, value] of Object.entries(info)) {
      await sql`insert into bench_seed_info (key, value) values (${key}, ${sql.json(value as never)}) on conflict (key) do update set value = excluded.value`;
    }

    console.log("\nrows:");
    for (const [table, n] of Object.entries(counts)) if (n > 0) console.log(`  ${table.padEnd(26)} ${n.toLocaleString("en-US").padStart(12)}`);
    console.log(`\ndatabase size: ${(Number(size) / 1024 ** 3).toFixed(2)} GiB`);
    console.log(`seconds: ${JSON.stringify({ ...seconds, total })}`);
    console.log(`bench: ${JSON.stringify({ accounts: info.accounts, checklist: info.checklist, notice: info.notice, recommendation: info.recommendation })}`);
    return 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
