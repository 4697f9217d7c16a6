/**
 * The notice benchmark: the time to render the conclusion notice (Thông báo kết luận) of seed 001
 * (templates/examples/binh-an.json) as a PDF (composition, pdfmake definition, renderPdf to bytes)
 * and as a .docx (renderNoticeDocx), and the same for a notice ten times longer (findings,
 * recommendations and figures ×10). Warm, in one process; the four are measured round-robin so
 * machine noise hits them alike, and their ratios are the figures to compare between runs.
 *
 * Beside them, a four-word PDF in the four Tinos faces: the cost every PDF pays before its text.
 * Target: the seed-001 PDF under 150 ms median on one core. When the process may run on several
 * CPUs and taskset is installed, the measurement runs in a child pinned to CPU 0.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FONT_FAMILY } from "#templates/documents/nd30";
import { renderPdf } from "~/documents/pdf.server";
import { noticeDocumentFromFile } from "~/domain/notice-composition";
import { type SupervisionFile, parseSupervisionFile, supervisionFileSchema } from "~/schemas/supervision-file";
import { NOTICE_RENDERERS, type NoticeFormat } from "../scripts/notice-cli";
import { type Summary, summarise } from "./stats";

const ROUNDS = Number(process.env.BENCH_NOTICE_ROUNDS ?? 40);
const WARM_UP = Number(process.env.BENCH_NOTICE_WARM_UP ?? 5);
const TARGET_PDF_MEDIAN_MS = 150;
const LONG_FACTOR = 10;
const EXAMPLE = path.resolve(import.meta.dirname, "../templates/examples/binh-an.json");

type Case = { name: string; length: "seed-001" | "×10" | "4 words"; format: NoticeFormat; render: () => Promise<Buffer> };
type CaseResult = {
  name: string;
  format: NoticeFormat;
  length: Case["length"];
  bytes: number;
  pages: number | null;
  /** Wall-clock ms per render. */
  time: Summary;
  /** CPU ms per render (all the process's threads): what other work on the machine does not inflate. */
  cpu: Summary;
};
export type NoticeBench = {
  cpus: string;
  pinned: boolean;
  /** The machine's 1-minute load average before and after: other work running beside the bench. */
  loadAverage: { before: number; after: number };
  rounds: number;
  warmUp: number;
  cases: CaseResult[];
  ratios: { longOverShort: Record<NoticeFormat, number>; docxOverPdf: { short: number; long: number } };
  target: { pdfMedianMs: number; measuredMs: number; met: boolean; cpuMs: number; metInCpuTime: boolean };
};

export function seed001File(): SupervisionFile {
  const parsed = parseSupervisionFile(readFileSync(EXAMPLE, "utf8"));
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
  return parsed.file;
}

/** The same supervision with its figures, findings and recommendations `factor` times, ids made distinct. */
export function lengthened(file: SupervisionFile, factor: number): SupervisionFile {
  const copies = Array.from({ length: factor }, (_, index) => index + 1);
  const id = (base: string, copy: number) => (copy === 1 ? base : `${base}-${copy}`);
  return supervisionFileSchema.parse({
    ...file,
    figures: copies.flatMap((copy) => file.figures.map((figure) => ({ ...figure, id: id(figure.id, copy) }))),
    findings: copies.flatMap((copy) =>
      file.findings.map((finding) => ({ ...finding, id: id(finding.id, copy), figureIds: finding.figureIds.map((figureId) => id(figureId, copy)) })),
    ),
    recommendations: copies.flatMap((copy) =>
      file.recommendations.map((recommendation) => ({ ...recommendation, findingIds: recommendation.findingIds.map((findingId) => id(findingId, copy)) })),
    ),
  });
}

/** Pages of a PDF as pdfkit writes it (one uncompressed /Type /Page dictionary each). */
export function pdfPageCount(bytes: Uint8Array): number {
  return Buffer.from(bytes).toString("latin1").match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}

/** The CPUs this process may run on, as the kernel lists them ("0-1", "0"). */
function allowedCpus(): string {
  try {
    return /^Cpus_allowed_list:\s*(.+)$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1].trim() ?? "unknown";
  } catch {
    return "unknown";
  }
}

const isSingleCpu = (list: string) => /^\d+$/.test(list);

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Composition, document definition and rendering to bytes: what the CLI and the download do. */
const notice = (format: NoticeFormat, file: SupervisionFile) => () => NOTICE_RENDERERS[format](noticeDocumentFromFile(file));

/**
 * The floor under every PDF: a document of four words, one in each Tinos face the notice uses.
 * pdfmake opens (parses) the font files anew for each document.
 */
const fourFaces = () =>
  renderPdf({
    content: [{ text: "Thông" }, { text: "báo", bold: true }, { text: "kết", italics: true }, { text: "luận", bold: true, italics: true }],
    defaultStyle: { font: FONT_FAMILY },
  });

/** The measurement itself, in this process. */
export async function measureNotice(): Promise<NoticeBench> {
  const short = seed001File();
  const long = lengthened(short, LONG_FACTOR);
  const cases: Case[] = [
    { name: "seed-001 PDF", length: "seed-001", format: "pdf", render: notice("pdf", short) },
    { name: "seed-001 DOCX", length: "seed-001", format: "docx", render: notice("docx", short) },
    { name: `×${LONG_FACTOR} PDF`, length: "×10", format: "pdf", render: notice("pdf", long) },
    { name: `×${LONG_FACTOR} DOCX`, length: "×10", format: "docx", render: notice("docx", long) },
    { name: "4 words PDF", length: "4 words", format: "pdf", render: fourFaces },
  ];
  const loadBefore = loadavg()[0];
  const samples = cases.map(() => [] as number[]);
  const cpuSamples = cases.map(() => [] as number[]);
  const outputs: Buffer[] = [];
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    for (const [index, testCase] of cases.entries()) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const bytes = await testCase.render();
      const elapsed = performance.now() - start;
      const cpu = process.cpuUsage(cpuStart);
      if (round >= WARM_UP) {
        samples[index].push(elapsed);
        cpuSamples[index].push((cpu.user + cpu.system) / 1000);
      }
      outputs[index] = bytes;
    }
  }
  const results: CaseResult[] = cases.map((testCase, index) => ({
    name: testCase.name,
    format: testCase.format,
    length: testCase.length,
    bytes: outputs[index].byteLength,
    pages: testCase.format === "pdf" ? pdfPageCount(outputs[index]) : null,
    time: summarise(samples[index]),
    cpu: summarise(cpuSamples[index]),
  }));
  const median = (format: NoticeFormat, length: Case["length"]) => results.find((r) => r.format === format && r.length === length)!.time.median;
  const cpus = allowedCpus();
  const pdfMedian = median("pdf", "seed-001");
  const pdfCpu = results.find((r) => r.format === "pdf" && r.length === "seed-001")!.cpu.median;
  return {
    cpus,
    pinned: isSingleCpu(cpus),
    loadAverage: { before: loadBefore, after: loadavg()[0] },
    rounds: ROUNDS,
    warmUp: WARM_UP,
    cases: results,
    ratios: {
      longOverShort: { pdf: median("pdf", "×10") / pdfMedian, docx: median("docx", "×10") / median("docx", "seed-001") },
      docxOverPdf: { short: median("docx", "seed-001") / pdfMedian, long: median("docx", "×10") / median("pdf", "×10") },
    },
    target: {
      pdfMedianMs: TARGET_PDF_MEDIAN_MS,
      measuredMs: pdfMedian,
      met: pdfMedian < TARGET_PDF_MEDIAN_MS,
      cpuMs: pdfCpu,
      metInCpuTime: pdfCpu < TARGET_PDF_MEDIAN_MS,
    },
  };
}

/** Measured in a child pinned to CPU 0 with taskset, so the figure is one core's. */
function measurePinned(): NoticeBench {
  const directory = mkdtempSync(path.join(tmpdir(), "notice-bench-"));
  const output = path.join(directory, "result.json");
  try {
    const child = spawnSync("taskset", ["-c", "0", process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), output], {
      stdio: "inherit",
      env: process.env,
    });
    if (child.status !== 0) throw new Error(`the pinned notice bench exited with ${child.status ?? child.signal}`);
    return JSON.parse(readFileSync(output, "utf8")) as NoticeBench;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function benchNotice(log: (line: string) => void = console.log): Promise<NoticeBench> {
  const pin = !isSingleCpu(allowedCpus()) && hasTaskset() && process.env.BENCH_NOTICE_PIN !== "0";
  const result = pin ? measurePinned() : await measureNotice();

  const ms = (s: Summary) => `${s.median.toFixed(1).padStart(7)} ${s.p95.toFixed(1).padStart(7)}`;
  const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(6)} KB`;
  log(
    `Conclusion notice, rendered warm in one process (${result.rounds} rounds after ${result.warmUp} warm-up, round-robin); ` +
      (result.pinned ? `pinned to CPU ${result.cpus} (taskset)` : `NOT pinned (CPUs ${result.cpus}; taskset ${hasTaskset() ? "disabled" : "not installed"})`) +
      `; load average ${result.loadAverage.before.toFixed(1)} → ${result.loadAverage.after.toFixed(1)} on ${availableParallelism()} CPUs`,
  );
  log("  document         wall ms: median   p95   CPU ms: median   p95      size   pages");
  for (const r of result.cases) log(`  ${r.name.padEnd(14)}        ${ms(r.time)}          ${ms(r.cpu)}   ${kb(r.bytes)}   ${r.pages ?? "–"}`);
  log(`  ×${LONG_FACTOR} ÷ seed-001: PDF ${result.ratios.longOverShort.pdf.toFixed(2)}×, DOCX ${result.ratios.longOverShort.docx.toFixed(2)}×`);
  const floor = result.cases.find((r) => r.length === "4 words");
  if (floor) log(`  a 4-word PDF in the four Tinos faces (the fixed cost of a document): ${(floor.time.median / result.target.measuredMs).toFixed(2)}× the seed-001 PDF`);
  log(`  DOCX ÷ PDF: seed-001 ${result.ratios.docxOverPdf.short.toFixed(2)}×, ×${LONG_FACTOR} ${result.ratios.docxOverPdf.long.toFixed(2)}×`);
  log(
    `  target: seed-001 PDF < ${result.target.pdfMedianMs} ms median on one core: ${result.target.measuredMs.toFixed(1)} ms wall, ` +
      `${result.target.met ? "met" : "MISSED"}; ${result.target.cpuMs.toFixed(1)} ms CPU, ${result.target.metInCpuTime ? "met" : "MISSED"}` +
      (result.pinned ? "" : " (not pinned: not a one-core figure)"),
  );
  return result;
}

// The pinned child: measure, write the result where the parent asked.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const output = process.argv[2];
  if (!output) throw new Error("usage: notice.bench.ts <result.json>");
  writeFileSync(output, JSON.stringify(await measureNotice()));
}
