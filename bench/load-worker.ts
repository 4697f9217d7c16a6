/**
 * One load run, in its own process so that the load generator does not share an event loop with
 * the measuring script: autocannon with N connections for a fixed time, every response's latency
 * kept (autocannon's own summary has no p95). Prints one JSON line: LoadResult.
 *
 * Usage: tsx bench/load-worker.ts '{"url":"…","connections":50,"seconds":10,"headers":{…}}'
 */
import autocannon from "autocannon";
import { percentile } from "./stats";

type LoadRequest = { url: string; connections: number; seconds: number; headers?: Record<string, string>; warmUpSeconds?: number };
export type LoadResult = {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  bytesPerResponse: number;
};

function run(request: LoadRequest, seconds: number, onLatency?: (ms: number) => void) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: request.url, connections: request.connections, duration: seconds, headers: request.headers ?? {}, timeout: 30 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (onLatency) instance.on("response", (_client, _status, _bytes, responseTime) => onLatency(responseTime));
  });
}

const request = JSON.parse(process.argv[2] ?? "{}") as LoadRequest;
if (request.warmUpSeconds) await run(request, request.warmUpSeconds);
const latencies: number[] = [];
const result = await run(request, request.seconds, (ms) => latencies.push(ms));
latencies.sort((a, b) => a - b);
const output: LoadResult = {
  requests: latencies.length,
  perSecond: latencies.length / request.seconds,
  p50: percentile(latencies, 50),
  p95: percentile(latencies, 95),
  p99: percentile(latencies, 99),
  max: latencies[latencies.length - 1] ?? Number.NaN,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
  bytesPerResponse: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
};
console.log(JSON.stringify(output));
