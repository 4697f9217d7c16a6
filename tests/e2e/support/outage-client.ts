/**
 * A stand-in for one app process, on the app's own database client (db/client.ts), for
 * tests/e2e/postgres-outage.e2e.ts. For each of `rounds` rounds it starts a transaction, says
 * "in-transaction" on stdout and waits for a line on stdin (the test stops and starts PostgreSQL
 * meanwhile), then runs a few queries and prints one JSON line: how the transaction ended and each
 * query's outcome and time. In its own process, because the driver bug it guards against throws
 * from a timer: the question is whether the process survives it.
 *
 * Usage: node --import tsx tests/e2e/support/outage-client.ts <postgres url> <rounds>
 */
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../../db/client";

const QUERY_LIMIT_MS = 8_000;
const codeOf = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.code ?? String(error);
};

const handle = openDatabase({ url: process.argv[2], maxConnections: 2 });
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
for (let round = 0; round < Number(process.argv[3] ?? 1); round++) {
  await handle.db.execute(sql`select 1`);
  const transaction = handle.db
    .transaction(async (tx) => {
      await tx.execute(sql`select pg_sleep(5)`);
    })
    .then(
      () => "committed",
      (error: unknown) => codeOf(error),
    );
  console.log("in-transaction");
  await lines.next();
  const result: { transaction: string; queries: { outcome: string; ms: number }[] } = { transaction: await transaction, queries: [] };
  for (let i = 0; i < 6; i++) {
    const started = Date.now();
    const outcome = await Promise.race([
      handle.db.execute(sql`select 1`).then(
        () => "ok",
        (error: unknown) => codeOf(error),
      ),
      new Promise<string>((resolve) => setTimeout(() => resolve("hung"), QUERY_LIMIT_MS)),
    ]);
    result.queries.push({ outcome, ms: Date.now() - started });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(JSON.stringify(result));
}
await handle.close();
process.exit(0);
