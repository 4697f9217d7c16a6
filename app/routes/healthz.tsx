import { databaseAnswers } from "~/models/health.server";

const TIMEOUT_MS = 3_000;

/**
 * For load balancers and the test harness: 200 "ok" when the database answers, 503 when it does
 * not or not within a few seconds (a probe must not hang on an unreachable server).
 */
export async function loader() {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), TIMEOUT_MS);
  });
  const ok = await Promise.race([databaseAnswers(), late]).finally(() => clearTimeout(timer));
  return new Response(ok ? "ok" : "Cơ sở dữ liệu tạm thời không truy cập được.", {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...(ok ? {} : { "Retry-After": "5" }) },
  });
}
