/**
 * One generating process (forked by run.ts): takes its share of communes, writes the rows through
 * its own COPY streams and reports the document numbers it used and, for the bench commune, what
 * the benchmark needs.
 */
import postgres from "postgres";
import { type GeneratorConfig, IdAllocator, SeriesBook } from "./generator";
import { CopySinks } from "./load";
import { type Share, type ShareResult, generateShare } from "./share";
import { TABLE_NAMES } from "./tables";

export type WorkerInput = {
  databaseUrl: string;
  cfg: GeneratorConfig;
  share: Share;
  ids: { start: Record<string, number>; limit: Record<string, number> };
  series: { issuingUnitId: number; year: number; documentType: string; lastNumber: number }[];
};

export type WorkerMessage =
  | { type: "progress"; communes: number }
  | { type: "done"; result: ShareResult; written: Record<string, number>; series: WorkerInput["series"] }
  | { type: "failed"; error: string };

async function run(input: WorkerInput): Promise<WorkerMessage> {
  const sql = postgres(input.databaseUrl, { max: TABLE_NAMES.length + 1, onnotice: () => {}, connection: { application_name: "bench-seed-worker" } });
  try {
    const sinks = await CopySinks.open(sql, TABLE_NAMES);
    const series = new SeriesBook(input.series);
    const g = { cfg: input.cfg, ids: new IdAllocator(input.ids.start, input.ids.limit), series, emit: sinks.emit };
    const result = await generateShare(g, input.share, async (done) => {
      await sinks.settle();
      if (done % 100 === 0) process.send!({ type: "progress", communes: 100 } satisfies WorkerMessage);
    });
    process.send!({ type: "progress", communes: result.communes % 100 } satisfies WorkerMessage);
    const written = await sinks.close();
    return { type: "done", result, written, series: series.rows() };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

process.once("message", (input: WorkerInput) => {
  run(input).then(
    (message) => process.send!(message, () => process.disconnect()),
    (error: unknown) => process.send!({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerMessage, () => process.disconnect()),
  );
});
