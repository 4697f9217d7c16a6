/**
 * The key queries alone, at national scale on the PostgreSQL server: the statements the app's own
 * model functions send (captured through drizzle's logger, so the benchmark measures what the pages
 * run, not a hand-written copy), each timed over repeated runs and explained with EXPLAIN ANALYZE.
 * A sequential scan on a table of more than SEQ_SCAN_ROWS rows is reported: every key query must
 * reach its rows through an index.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "#db/client";
import * as schema from "#db/schema";
import type { Actor } from "~/auth/actor";
import { setDatabaseForTests } from "~/db.server";
import { getFollowUpDashboard } from "~/models/dashboard.server";
import { listTracker } from "~/models/remediation.server";
import { createSession, getActorForSession } from "~/models/session.server";
import { summarise } from "./stats";
import { type Scale, ensureScale, scaleUrl } from "./support/scales";

const ROUNDS = Number(process.env.BENCH_QUERY_ROUNDS ?? 15);
export const TARGET_QUERY_MS = 20;
const SEQ_SCAN_ROWS = 10_000;

type Statement = { sql: string; params: unknown[] };
type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; "Actual Rows"?: number; Plans?: PlanNode[] };

export type StatementResult = {
  sql: string;
  medianMs: number;
  p95Ms: number;
  executionMs: number;
  indexes: string[];
  seqScans: { table: string; rows: number }[];
  plan: unknown;
};
export type KeyQueryResult = { name: string; scale: Scale; statements: StatementResult[]; totalMedianMs: number; slowestMedianMs: number; seqScansOnLargeTables: string[] };

function walk(node: PlanNode, visit: (node: PlanNode) => void) {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

export async function benchQueries(log: (line: string) => void = console.log, scale: Scale = "national") {
  await ensureScale(scale, log);
  const url = scaleUrl(scale);
  const client = postgres(url, { max: 4, onnotice: () => {} });
  const captured: Statement[] = [];
  let capturing = false;
  const db = drizzle(client, {
    schema,
    logger: { logQuery: (query, params) => void (capturing && captured.push({ sql: query, params })) },
  }) as unknown as Db;
  setDatabaseForTests({ db, kind: "postgres", description: url, close: () => client.end() });

  const tableRows = new Map(
    (await client<{ relname: string; n: string }[]>`select relname, n_live_tup::text as n from pg_stat_user_tables`).map((r) => [r.relname, Number(r.n)]),
  );
  const actorOf = async (username: string): Promise<Actor> => {
    const [user] = await client<{ id: number }[]>`select id from users where username = ${username}`;
    if (!user) throw new Error(`no ${username} in the ${scale} database`);
    const actor = await getActorForSession(await createSession(user.id, "bench"));
    if (!actor) throw new Error(`no actor for ${username}`);
    return actor;
  };
  const province = await actorOf("bench.province");
  const unit = await actorOf("bench.unit");

  const keyQueries: { name: string; run: () => Promise<unknown> }[] = [
    { name: "Quá hạn theo đơn vị (HĐND tỉnh, quá hạn nhất trước)", run: () => listTracker(province, { state: "overdue" }) },
    { name: "Số liệu tổng hợp (HĐND tỉnh)", run: () => getFollowUpDashboard(province, { planId: null }) },
    { name: "Kiến nghị chưa hoàn thành của đơn vị (UBND xã)", run: () => listTracker(unit, { status: "open" }) },
  ];

  const results: KeyQueryResult[] = [];
  log(`Key queries at ${scale} scale (${(tableRows.get("recommendations") ?? 0).toLocaleString("en-US")} recommendations), median of ${ROUNDS} runs; target < ${TARGET_QUERY_MS} ms each`);
  log(`  ${"query".padEnd(54)} ${"stmts".padStart(5)} ${"total".padStart(8)} ${"slowest".padStart(8)}  target   plans`);
  for (const query of keyQueries) {
    captured.length = 0;
    capturing = true;
    await query.run();
    capturing = false;
    const statements: StatementResult[] = [];
    for (const statement of [...captured]) {
      const params = statement.params as never[];
      for (let i = 0; i < 2; i++) await client.unsafe(statement.sql, params);
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const start = performance.now();
        await client.unsafe(statement.sql, params);
        times.push(performance.now() - start);
      }
      const [explained] = await client.unsafe(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`, params);
      const top = (explained["QUERY PLAN"] as { Plan: PlanNode; "Execution Time": number }[])[0];
      const indexes = new Set<string>();
      const seqScans: { table: string; rows: number }[] = [];
      walk(top.Plan, (node) => {
        if (node["Index Name"]) indexes.add(node["Index Name"]);
        if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) seqScans.push({ table: node["Relation Name"], rows: tableRows.get(node["Relation Name"]) ?? 0 });
      });
      const summary = summarise(times);
      statements.push({ sql: statement.sql, medianMs: summary.median, p95Ms: summary.p95, executionMs: top["Execution Time"], indexes: [...indexes], seqScans, plan: top.Plan });
    }
    const totalMedianMs = statements.reduce((sum, s) => sum + s.medianMs, 0);
    const slowestMedianMs = Math.max(0, ...statements.map((s) => s.medianMs));
    const seqScansOnLargeTables = statements.flatMap((s) => s.seqScans.filter((scan) => scan.rows > SEQ_SCAN_ROWS).map((scan) => `${scan.table} (${scan.rows.toLocaleString("en-US")} rows)`));
    results.push({ name: query.name, scale, statements, totalMedianMs, slowestMedianMs, seqScansOnLargeTables });
    const verdict = slowestMedianMs < TARGET_QUERY_MS ? "met   " : "MISSED";
    const plans = seqScansOnLargeTables.length > 0 ? `SEQ SCAN: ${seqScansOnLargeTables.join(", ")}` : "index only (no seq scan on a large table)";
    log(`  ${query.name.padEnd(54)} ${String(statements.length).padStart(5)} ${totalMedianMs.toFixed(1).padStart(6)} ms ${slowestMedianMs.toFixed(1).padStart(5)} ms  ${verdict}  ${plans}`);
    for (const s of statements) {
      log(`      ${s.medianMs.toFixed(2).padStart(7)} ms  ${s.indexes.join(", ") || "(no index)"}  ${s.sql.replace(/\s+/g, " ").slice(0, 90)}…`);
    }
  }
  await client.end({ timeout: 5 });
  return { scale, rounds: ROUNDS, targetMs: TARGET_QUERY_MS, queries: results };
}
