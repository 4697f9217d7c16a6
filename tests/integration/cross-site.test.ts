/**
 * Cross-site request forgery and sessions: every action (the route directory is listed when the test
 * runs, so a new route is covered without being named here) refuses a post that a browser made on
 * behalf of another page, before it reads or writes anything; a post from the app's own pages goes
 * through. GETs change nothing. Ending sessions on a password reset.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, rowsOf } from "#db/client";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { type Fingerprint, changedTables, fingerprint } from "#tests/support/db-fingerprint";
import { freshDatabase } from "#tests/support/database";
import { type HeaderOverrides, ORIGIN, type RouteResult, act, load, send, signIn } from "#tests/support/requests";
import { CROSS_SITE_MESSAGE, crossSiteReason } from "~/auth/same-origin.server";
import * as home from "~/routes/_index";
import * as usersNew from "~/routes/admin.users.new";
import * as usersPassword from "~/routes/admin.users.$userId.password";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as visitAnswers from "~/routes/visits.$visitId.answers";

type RouteModule = Parameters<typeof act>[0];
type RouteFile = { file: string; module: RouteModule & Record<string, unknown>; paramNames: string[] };

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");

/** Every route module, imported the way Remix finds them: one file per route in app/routes. */
const routeFiles: RouteFile[] = await Promise.all(
  readdirSync(ROUTES_DIR)
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .sort()
    .map(async (file) => ({
      file,
      module: (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as RouteFile["module"],
      paramNames: [...file.matchAll(/\$(\w+?)_?(?=\.|$)/g)].map((m) => m[1]),
    })),
);
const actionRoutes = routeFiles.filter((r) => typeof r.module.action === "function");
const loaderRoutes = routeFiles.filter((r) => typeof r.module.loader === "function");

/** The URL path of a route file with its parameters filled in ("visits.$visitId_.notice" → "/visits/7/notice"). */
function urlPath(file: string, params: Record<string, string>): string {
  const segments = file
    .replace(/\.tsx?$/, "")
    // A dot splits segments, but not an escaped one: "export[.]xlsx".
    .split(/\.(?![^[]*\])/)
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? params[s.slice(1).replace(/_$/, "")] : s.replace(/_$/, "").replace(/\[\.\]/g, ".")));
  const pathname = `/${segments.join("/")}`;
  return file.includes("_index") ? `${pathname}?index` : pathname;
}

/**
 * Who posts to each action: someone who may use it, so that the request would go through but for
 * where it came from. A route not listed here is posted by the committee.
 */
function posterOf(file: string): string {
  if (file.startsWith("admin.")) return "quantri";
  if (file.startsWith("notices.$noticeId_.remediation")) return "ubnd.binhan";
  if (file.startsWith("visits.$visitId_.report")) return "motcua.binhan";
  if (file.startsWith("visits.$visitId_.notice")) return "trang.ttt";
  if (file.startsWith("visits.") || file.startsWith("account.")) return "nhung.vt";
  return "trang.ttt";
}

const EVIL = "http://evil.example";

/** The requests a browser sends when another page makes it post: each must be refused. */
const FORGED: { name: string; headers: HeaderOverrides }[] = [
  { name: "Origin of another site", headers: { Origin: EVIL } },
  { name: "Origin of another site, Sec-Fetch-Site: cross-site", headers: { Origin: EVIL, "Sec-Fetch-Site": "cross-site" } },
  { name: "Sec-Fetch-Site: cross-site alone", headers: { Origin: null, "Sec-Fetch-Site": "cross-site" } },
  { name: "another port of the same host (same site)", headers: { Origin: "http://localhost:4000", "Sec-Fetch-Site": "same-site" } },
  { name: "the right Origin but Sec-Fetch-Site: same-site", headers: { "Sec-Fetch-Site": "same-site" } },
  { name: "Origin: null (sandboxed frame, data: page)", headers: { Origin: "null" } },
  { name: "neither Origin nor Sec-Fetch-Site", headers: { Origin: null } },
];

/** What a browser sends for a form of the app itself. */
const GENUINE: { name: string; headers: HeaderOverrides }[] = [
  { name: "the app's Origin", headers: {} },
  { name: "the app's Origin and Sec-Fetch-Site: same-origin", headers: { "Sec-Fetch-Site": "same-origin" } },
  { name: "Sec-Fetch-Site: same-origin without Origin", headers: { Origin: null, "Sec-Fetch-Site": "same-origin" } },
];

let handle: DatabaseHandle;
const ids: Record<string, string> = {};
const userIds: Record<string, number> = {};

async function firstId(query: ReturnType<typeof sql>): Promise<string> {
  const [row] = rowsOf<{ id: number }>(await handle.db.execute(query));
  return String(row?.id ?? 1);
}

/** One signed-in session per person, shared by the tests that do not end it. */
const sessions = new Map<string, Promise<string>>();
function cookieOf(username: string): Promise<string> {
  let cookie = sessions.get(username);
  if (!cookie) {
    cookie = signIn(username, DEMO_PASSWORD);
    sessions.set(username, cookie);
  }
  return cookie;
}

function paramsOf(route: RouteFile): Record<string, string> {
  return Object.fromEntries(route.paramNames.map((name) => [name, ids[name] ?? "1"]));
}

function refusedAsCrossSite(result: RouteResult): boolean {
  return result.status === 403 && result.data === CROSS_SITE_MESSAGE;
}

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  for (const row of rowsOf<{ id: number; username: string }>(await handle.db.execute(sql`select id, username from users`))) {
    userIds[row.username] = row.id;
  }
  // This year's visit of Bình An (nhung.vt's team) and the seed 001 notice with its recommendations to UBND Bình An.
  ids.visitId = await firstId(sql`select v.id from visits v join plan_members m on m.plan_id = v.plan_id
                                  join users u on u.id = m.user_id where u.username = 'nhung.vt' order by v.id desc limit 1`);
  ids.planId = await firstId(sql`select plan_id as id from visits where id = ${Number(ids.visitId)}`);
  ids.recommendationId = await firstId(sql`select r.id from recommendations r join units u on u.id = r.addressed_unit_id
                                           where u.name = 'UBND phường Bình An' and r.notice_id is not null order by r.id limit 1`);
  ids.noticeId = await firstId(sql`select notice_id as id from recommendations where id = ${Number(ids.recommendationId)}`);
  ids.unitId = await firstId(sql`select id from units where name = 'UBND phường Bình An'`);
  ids.userId = String(userIds["hung.nv"]);
  ids.templateId = await firstId(sql`select id from checklist_templates order by id limit 1`);
  ids.attachmentId = await firstId(sql`select id from attachments order by id limit 1`);
  ids.documentId = await firstId(sql`select id from remediation_documents order by id limit 1`);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the route directory", () => {
  it("has the actions this test knows to exist, so an import failure cannot empty the table", () => {
    const names = actionRoutes.map((r) => r.file);
    for (const known of ["login.tsx", "logout.tsx", "admin.users.new.tsx", "visits.$visitId.answers.tsx", "notices.$noticeId.tsx"]) {
      expect(names).toContain(known);
    }
    expect(actionRoutes.length).toBeGreaterThanOrEqual(20);
  });
});

describe("forged posts", () => {
  let before: Fingerprint;
  beforeAll(async () => {
    await Promise.all([...new Set(actionRoutes.map((r) => posterOf(r.file)))].map(cookieOf));
    before = await fingerprint(handle.db);
  });

  it.each(actionRoutes.map((route) => [route.file, route] as const))("POST %s: every forged post gets the Vietnamese 403", async (_file, route) => {
    const cookie = await cookieOf(posterOf(route.file));
    const params = paramsOf(route);
    for (const forged of FORGED) {
      const result = await act(route.module, { path: urlPath(route.file, params), params, cookie, form: { id: 1, note: "giả mạo" }, headers: forged.headers });
      expect({ forged: forged.name, status: result.status, body: result.data }).toEqual({ forged: forged.name, status: 403, body: CROSS_SITE_MESSAGE });
    }
  });

  it("none of them wrote anything", async () => {
    const after = await fingerprint(handle.db);
    expect(changedTables(before, after)).toEqual([]);
  });
});

describe("the app's own posts", () => {
  it.each(actionRoutes.map((route) => [route.file, route] as const))("POST %s: reaches the action", async (_file, route) => {
    const params = paramsOf(route);
    for (const genuine of GENUINE) {
      // Signing out ends the session: give each of those posts its own.
      const cookie = route.file === "logout.tsx" ? await signIn(posterOf(route.file), DEMO_PASSWORD) : await cookieOf(posterOf(route.file));
      const result = await act(route.module, { path: urlPath(route.file, params), params, cookie, form: {}, headers: genuine.headers });
      expect({ genuine: genuine.name, refused: refusedAsCrossSite(result) }).toEqual({ genuine: genuine.name, refused: false });
    }
  });
});

describe("what a forged post would have done, done from the app itself", () => {
  const newUser = (username: string) => ({
    username,
    fullName: "Người Giả Mạo",
    title: "",
    unitId: Number(ids.unitId),
    role: "admin",
    email: "",
    active: true,
    password: "MatKhau@123",
  });
  const userCount = async (username: string) =>
    rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from users where username = ${username}`))[0].n;

  it("an administrator's session cannot be made to create an administrator from another origin; from the app it can", async () => {
    const cookie = await cookieOf("quantri");
    const forged = await act(usersNew, { path: "/admin/users/new", cookie, form: newUser("ke.gian"), headers: { Origin: "http://localhost:4000", "Sec-Fetch-Site": "same-site" } });
    expect(forged.status).toBe(403);
    expect(await userCount("ke.gian")).toBe(0);
    const genuine = await act(usersNew, { path: "/admin/users/new", cookie, form: newUser("ke.gian"), headers: { "Sec-Fetch-Site": "same-origin" } });
    expect(genuine.status).toBe(302);
    expect(await userCount("ke.gian")).toBe(1);
  });

  it("a forged sign-out leaves the session alive; the app's own ends it", async () => {
    const cookie = await signIn("nhung.vt", DEMO_PASSWORD);
    const forged = await act(logout, { path: "/logout", cookie, headers: { Origin: EVIL, "Sec-Fetch-Site": "cross-site" } });
    expect(forged.status).toBe(403);
    expect(forged.setCookie).toBeNull();
    expect((await load(home, { path: "/", cookie })).status).toBe(200);
    const genuine = await act(logout, { path: "/logout", cookie });
    expect(genuine.location).toBe("/login");
    expect((await load(home, { path: "/", cookie })).status).toBe(302);
  });

  it("a forged sign-in (into the attacker's account) gets no cookie, makes no session and counts no failure", async () => {
    const before = await fingerprint(handle.db);
    for (const password of [DEMO_PASSWORD, "sai-mat-khau"]) {
      const forged = await act(login, { path: "/login", form: { username: "ubnd.phochau", password, redirectTo: "/" }, headers: { Origin: EVIL } });
      expect(forged.status).toBe(403);
      expect(forged.setCookie).toBeNull();
    }
    expect(await fingerprint(handle.db)).toEqual(before);
    const genuine = await act(login, { path: "/login", form: { username: "ubnd.phochau", password: DEMO_PASSWORD, redirectTo: "/" } });
    expect(genuine.status).toBe(302);
    expect(genuine.setCookie).toMatch(/^__hdnd_session=/);
  });

  it("the tablet's JSON save is refused from another origin and accepted from the app", async () => {
    const cookie = await cookieOf("nhung.vt");
    const [itemId] = rowsOf<{ id: number }>(
      await handle.db.execute(sql`select i.id from checklist_items i join checklist_sections s on s.id = i.section_id
                                  join supervision_plans p on p.checklist_template_id = s.template_id
                                  join visits v on v.plan_id = p.id
                                  where v.id = ${Number(ids.visitId)} and i.answer_type = 'tri_state' order by i.id limit 1`),
    ).map((r) => r.id);
    expect(itemId).toBeGreaterThan(0);
    const edit = { editId: crypto.randomUUID(), itemId, answeredAt: new Date().toISOString(), baseRevision: 0, value: "met", note: "giả mạo" };
    const body = () => JSON.stringify({ edits: [edit] });
    const before = await fingerprint(handle.db);
    const forged = await send(visitAnswers, { path: `/visits/${ids.visitId}/answers`, params: { visitId: ids.visitId }, cookie, body: body(), contentType: "application/json", headers: { Origin: "http://127.0.0.1:3000" } });
    expect(forged.status).toBe(403);
    expect(await fingerprint(handle.db)).toEqual(before);
    const genuine = await send(visitAnswers, { path: `/visits/${ids.visitId}/answers`, params: { visitId: ids.visitId }, cookie, body: body(), contentType: "application/json" });
    expect(genuine.status).toBe(200);
    expect(await fingerprint(handle.db)).not.toEqual(before);
  });
});

describe("no state-changing GET", () => {
  let before: Fingerprint;
  beforeAll(async () => {
    await Promise.all(["trang.ttt", "ubnd.binhan", ...loaderRoutes.map((r) => posterOf(r.file))].map(cookieOf));
    before = await fingerprint(handle.db);
  });

  it.each(loaderRoutes.map((route) => [route.file, route] as const))("GET %s as the people who use it", async (_file, route) => {
    const params = paramsOf(route);
    for (const name of new Set([posterOf(route.file), "trang.ttt", "ubnd.binhan"])) {
      const result = await load(route.module, { path: urlPath(route.file, params), params, cookie: await cookieOf(name) });
      expect(result.status).toBeLessThan(500);
    }
  });

  it("none of them wrote anything", async () => {
    const after = await fingerprint(handle.db);
    expect(changedTables(before, after)).toEqual([]);
  });
});

describe("passwords end sessions", () => {
  it("an administrator's reset of a user's password ends every session of that user, and only theirs", async () => {
    const first = await signIn("hung.nv", DEMO_PASSWORD);
    const second = await signIn("hung.nv", DEMO_PASSWORD);
    const bystander = await cookieOf("nhung.vt");
    const admin = await cookieOf("quantri");
    const userId = String(userIds["hung.nv"]);
    const result = await act(usersPassword, { path: `/admin/users/${userId}/password`, params: { userId }, cookie: admin, form: { password: "MatKhauMoi@1", confirm: "MatKhauMoi@1" } });
    expect(result.status).toBe(200);
    for (const cookie of [first, second]) {
      const replay = await load(home, { path: "/", cookie });
      expect(replay.status).toBe(302);
      expect(replay.location).toBe("/login");
    }
    expect((await load(home, { path: "/", cookie: bystander })).status).toBe(200);
    expect((await load(home, { path: "/", cookie: admin })).status).toBe(200);
    await expect(signIn("hung.nv", DEMO_PASSWORD)).rejects.toThrow(/401/);
    await expect(signIn("hung.nv", "MatKhauMoi@1")).resolves.toMatch(/^__hdnd_session=/);
  });
});

describe("crossSiteReason behind a proxy", () => {
  const post = (url: string, headers: Record<string, string>) => new Request(url, { method: "POST", headers });

  it("compares hosts, not schemes: a TLS-terminating proxy that keeps the Host header", () => {
    expect(crossSiteReason(post("http://giamsat.example.gov.vn/plans/new", { Origin: "https://giamsat.example.gov.vn" }))).toBeNull();
    expect(crossSiteReason(post("http://giamsat.example.gov.vn:443/plans/new", { Origin: "https://giamsat.example.gov.vn" }))).toBeNull();
    expect(crossSiteReason(post("http://giamsat.example.gov.vn/plans/new", { Origin: "https://giamsat.example.gov.vn:8443" }))).not.toBeNull();
    expect(crossSiteReason(post("http://giamsat.example.gov.vn/plans/new", { Origin: "https://evil.giamsat.example.gov.vn" }))).not.toBeNull();
  });

  it("honours X-Forwarded-Host only when TRUST_PROXY says the proxy is trusted", () => {
    const behindProxy = () => post("http://127.0.0.1:3000/plans/new", { Origin: "https://giamsat.example.gov.vn", "X-Forwarded-Host": "giamsat.example.gov.vn" });
    expect(crossSiteReason(behindProxy())).toBe("Origin: https://giamsat.example.gov.vn");
    vi.stubEnv("TRUST_PROXY", "false");
    expect(crossSiteReason(behindProxy())).not.toBeNull();
    vi.stubEnv("TRUST_PROXY", "1");
    expect(crossSiteReason(behindProxy())).toBeNull();
    expect(crossSiteReason(post("http://127.0.0.1:3000/plans/new", { Origin: EVIL, "X-Forwarded-Host": "giamsat.example.gov.vn" }))).not.toBeNull();
  });

  it("accepts the public address APP_URL", () => {
    const request = () => post("http://10.0.0.5:3000/plans/new", { Origin: "https://giamsat.example.gov.vn" });
    expect(crossSiteReason(request())).not.toBeNull();
    vi.stubEnv("APP_URL", "https://giamsat.example.gov.vn");
    expect(crossSiteReason(request())).toBeNull();
  });

  it("takes the host from the Host header, not from request.url (Remix's development server builds that from Origin)", () => {
    const fromDevServer = post("http://evil.example/logout", { Host: "localhost:3000", Origin: EVIL });
    expect(crossSiteReason(fromDevServer)).toBe(`Origin: ${EVIL}`);
    expect(crossSiteReason(post("http://localhost:3000/logout", { Host: "localhost:3000", Origin: "http://localhost:3000" }))).toBeNull();
  });

  it("never refuses a GET, whatever its headers", () => {
    expect(crossSiteReason(new Request(`${ORIGIN}/plans`, { headers: { Origin: EVIL, "Sec-Fetch-Site": "cross-site" } }))).toBeNull();
  });
});
