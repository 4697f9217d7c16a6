/**
 * Refuses state-changing requests that a browser sent on behalf of another page (cross-site request
 * forgery). SameSite=Lax keeps the session cookie off cross-site posts, but not off posts from a
 * same-site page of another origin (another port, another sub-domain): those are stopped here.
 */

export const CROSS_SITE_MESSAGE = "Yêu cầu bị từ chối: biểu mẫu không được gửi từ trang của hệ thống.";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function truthy(value: string | undefined): boolean {
  return !!value && !["0", "false", "no", "off"].includes(value.trim().toLowerCase());
}

type HeaderOf = (name: string) => string | null | undefined;

/**
 * The hosts a post may come from: the one it was addressed to, the forwarded host when the proxy
 * is trusted (TRUST_PROXY, as scripts/serve.mjs tells Express), and the public address APP_URL.
 */
function expectedHosts(header: HeaderOf, host: string): string[] {
  const hosts = [host];
  if (truthy(process.env.TRUST_PROXY)) {
    const forwarded = header("X-Forwarded-Host")?.split(",")[0]?.trim();
    if (forwarded) hosts.push(forwarded);
  }
  if (process.env.APP_URL) {
    try {
      hosts.push(new URL(process.env.APP_URL).host);
    } catch {
      // An unusable APP_URL adds nothing.
    }
  }
  return hosts;
}

/**
 * Host against host, not origin against origin: behind a TLS-terminating proxy the browser says
 * https://host while the app hears http://host. Each expected host is read with the Origin's scheme
 * so that "host:443" and "https://host" agree.
 */
function sameHost(origin: URL, host: string): boolean {
  try {
    return new URL(`${origin.protocol}//${host}`).host === origin.host;
  } catch {
    return false;
  }
}

/**
 * Why a request is refused, or null when it may go on, from its raw parts: its method, its headers
 * and the host it was addressed to. scripts/serve.mjs runs this before Remix (through the server
 * build's entry module), requireSameOrigin inside every action.
 */
export function crossSiteReasonOf(method: string, header: HeaderOf, host: string): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const fetchSite = header("Sec-Fetch-Site") ?? null;
  const origin = header("Origin") ?? null;
  if (fetchSite !== null && fetchSite.trim().toLowerCase() !== "same-origin") return `Sec-Fetch-Site: ${fetchSite}`;
  if (origin === null) return fetchSite === null ? "no Origin and no Sec-Fetch-Site" : null;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return `Origin: ${origin}`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return `Origin: ${origin}`;
  return expectedHosts(header, host).some((expected) => sameHost(parsed, expected)) ? null : `Origin: ${origin}`;
}

/**
 * The same for a Fetch Request. The host is the Host header, not request.url: Remix's development
 * server builds request.url from the Origin header itself, which would always agree.
 */
export function crossSiteReason(request: Request): string | null {
  const host = request.headers.get("Host") ?? new URL(request.url).host;
  return crossSiteReasonOf(request.method, (name) => request.headers.get(name), host);
}

/** Called before anything else in every action: a 403 with a Vietnamese message, nothing read or written. */
export function requireSameOrigin(request: Request): void {
  if (crossSiteReason(request) === null) return;
  throw new Response(CROSS_SITE_MESSAGE, {
    status: 403,
    statusText: "Forbidden",
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
