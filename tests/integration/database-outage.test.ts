/**
 * The database server unreachable while the app runs: the routes answer 503 with a Vietnamese
 * message (never a 500 carrying SQL), quickly, and the same session works again once the database
 * is back. The classifier of "unreachable" errors and the production server's safety net
 * (withDatabaseOutagePages, applied by scripts/serve.mjs) are tried on real driver errors.
 * tests/e2e/postgres-outage.e2e.ts restarts a real PostgreSQL under load.
 */
import type { ServerBuild } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "#db/client";
import { makeUnit, makeUser } from "#tests/factories";
import { freshDatabase } from "#tests/support/database";
import { act, load, signIn } from "#tests/support/requests";
import { DATABASE_UNAVAILABLE_MESSAGE, databaseUnavailableCode, withDatabaseOutagePages } from "~/db-errors.server";
import { getDb, setDatabaseForTests } from "~/db.server";
import * as home from "~/routes/_index";
import * as healthz from "~/routes/healthz";
import * as login from "~/routes/login";
import * as answers from "~/routes/visits.$visitId.answers";

/** Nothing listens on port 1: every connection attempt is refused, as when PostgreSQL is stopped. */
const UNREACHABLE_URL = "postgres://postgres@127.0.0.1:1/nowhere";
const LEAKS = /Failed query|DrizzleQueryError|PostgresError|ECONN[A-Z]+|CONNECTION_[A-Z]+|CONNECT_TIMEOUT|57P0\d|postgres:\/\/|node_modules|\.[cm]?js:\d+:\d+/;

let handle: DatabaseHandle;
let unreachable: DatabaseHandle;
let cookie: string;

/** What the driver really throws for a query while the server is down (through drizzle). */
async function unreachableError(): Promise<unknown> {
  return (await getDb()).execute(sql`select 1`).then(
    () => {
      throw new Error("the query unexpectedly succeeded");
    },
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  handle = await freshDatabase();
  const ward = await makeUnit(handle.db, { name: "Phường Mất Kết Nối", kind: "commune" });
  const council = await makeUnit(handle.db, { name: "HĐND phường Mất Kết Nối", kind: "people_council", parentId: ward.id });
  await makeUser(handle.db, { username: "tt.matketnoi", fullName: "Người Thử", role: "committee", unitId: council.id, password: "mat-khau-thu-1" });
  cookie = await signIn("tt.matketnoi", "mat-khau-thu-1");
  unreachable = openDatabase({ url: UNREACHABLE_URL, maxConnections: 3 });
});

afterAll(async () => {
  await unreachable?.close();
  await handle?.close();
});

describe("while the database server is unreachable", () => {
  beforeAll(() => setDatabaseForTests(unreachable));
  afterAll(() => setDatabaseForTests(handle));

  it("a signed-in page answers 503 with the Vietnamese message, quickly", async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const started = Date.now();
      const result = await load(home, { path: "/", cookie });
      expect(result.status).toBe(503);
      expect(JSON.parse(String(result.data))).toEqual({ message: DATABASE_UNAVAILABLE_MESSAGE });
      expect(String(result.data)).not.toMatch(LEAKS);
      // postgres.js would wait up to 20 s between attempts by default (db/client.ts caps it).
      expect(Date.now() - started).toBeLessThan(3_000);
    }
  });

  it("the tablet's JSON route answers 503 with { message }, which its sync keeps retrying", async () => {
    const result = await load(answers, { path: "/visits/1/answers", params: { visitId: "1" }, cookie });
    expect(result.status).toBe(503);
    expect(JSON.parse(String(result.data)).message).toBe(DATABASE_UNAVAILABLE_MESSAGE);
  });

  it("signing in answers 503, not 'wrong password' and not 500", async () => {
    const result = await act(login, { path: "/login", form: { username: "tt.matketnoi", password: "mat-khau-thu-1", redirectTo: "/" } });
    expect(result.status).toBe(503);
    expect(result.setCookie).toBeNull();
    expect(String(result.data)).toContain("Tạm thời không truy cập được dữ liệu");
  });

  it("/healthz answers 503 in Vietnamese", async () => {
    const result = await load(healthz, { path: "/healthz" });
    expect(result.status).toBe(503);
    expect(result.data).toBe("Cơ sở dữ liệu tạm thời không truy cập được.");
  });

  it("the driver's error is recognised through drizzle's wrapper; the SQL in it never reaches an answer", async () => {
    const error = await unreachableError();
    expect((error as Error).message).toMatch(/Failed query: select 1/);
    expect(databaseUnavailableCode(error)).toBe("ECONNREFUSED");
  });

  it("the production server's safety net turns a query failing anywhere in a loader or action into the 503", async () => {
    const failing = async () => {
      await (await getDb()).execute(sql`select 1`);
      return "unreachable";
    };
    const redirect = new Response(null, { status: 302, headers: { Location: "/login" } });
    const refused = new Error("Không được phép");
    const build = {
      routes: {
        root: { id: "root", path: "", module: { default: () => null } },
        "routes/failing": { id: "routes/failing", parentId: "root", path: "failing", module: { loader: failing, action: failing, default: () => null } },
        "routes/redirects": { id: "routes/redirects", parentId: "root", path: "redirects", module: { loader: () => Promise.reject(redirect) } },
        "routes/other": { id: "routes/other", parentId: "root", path: "other", module: { loader: () => Promise.reject(refused), action: () => ({ ok: true }) } },
      },
    } as unknown as ServerBuild;
    const guarded = withDatabaseOutagePages(build);
    const args = { request: new Request("http://localhost/failing"), params: {}, context: {} };
    const call = (id: string, kind: "loader" | "action") => Promise.resolve().then(() => guarded.routes[id]!.module[kind]!(args as never));

    // Unguarded, the loader fails with drizzle's error (which Remix would answer 500).
    await expect(failing()).rejects.toThrow(/Failed query/);
    for (const kind of ["loader", "action"] as const) {
      const thrown = await call("routes/failing", kind).catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(503);
      expect((thrown as Response).headers.get("Retry-After")).toBe("5");
      expect(await (thrown as Response).json()).toEqual({ message: DATABASE_UNAVAILABLE_MESSAGE });
    }
    // Everything else passes through untouched: thrown redirects, other errors, results, other exports.
    await expect(call("routes/redirects", "loader")).rejects.toBe(redirect);
    await expect(call("routes/other", "loader")).rejects.toBe(refused);
    await expect(call("routes/other", "action")).resolves.toEqual({ ok: true });
    expect(guarded.routes.root).toBe(build.routes.root);
    expect(guarded.routes["routes/failing"]!.module.default).toBe(build.routes["routes/failing"]!.module.default);
    expect(guarded.routes["routes/redirects"]!.module.action).toBeUndefined();
  });
});

describe("once the database is back", () => {
  it("the same session is served again, without anything restarted", async () => {
    setDatabaseForTests(unreachable);
    expect((await load(home, { path: "/", cookie })).status).toBe(503);
    setDatabaseForTests(handle);
    expect((await load(home, { path: "/", cookie })).status).toBe(200);
    expect((await load(healthz, { path: "/healthz" })).data).toBe("ok");
  });

  it("errors that are not about reaching the server are not taken for an outage", async () => {
    const db = await getDb();
    const missingTable = await db.execute(sql`select * from no_such_table`).catch((error: unknown) => error);
    expect(missingTable).toBeInstanceOf(Error);
    expect(databaseUnavailableCode(missingTable)).toBeNull();
    const duplicate = Object.assign(new Error("duplicate key"), { code: "23505" });
    expect(databaseUnavailableCode(new Error("wrapped", { cause: duplicate }))).toBeNull();
    expect(databaseUnavailableCode(new Response("x", { status: 500 }))).toBeNull();
    expect(databaseUnavailableCode(null)).toBeNull();
    // The server's own "going away" codes, at any depth, and a cycle of causes does not loop.
    const shutdown = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
    expect(databaseUnavailableCode(new Error("outer", { cause: new Error("middle", { cause: shutdown }) }))).toBe("57P01");
    expect(databaseUnavailableCode(Object.assign(new Error("x"), { code: "08006" }))).toBe("08006");
    expect(databaseUnavailableCode(new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })]))).toBe("ECONNREFUSED");
    const loop: Error & { cause?: unknown } = new Error("loop");
    loop.cause = loop;
    expect(databaseUnavailableCode(loop)).toBeNull();
  });
});
