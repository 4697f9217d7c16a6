/**
 * The audit log cannot be edited through the app. Three layers:
 *   1. its page (/admin/audit) has no action: a POST to it, by the administrator, as a document
 *      or as a data request, is answered 405 by Remix and writes nothing;
 *   2. no source file of the app (app/) or of its operator scripts (scripts/) changes audit_log
 *      other than by INSERT: no drizzle update()/delete() of the table, no raw UPDATE, DELETE,
 *      TRUNCATE or ALTER of it, no switching triggers off (session_replication_role);
 *   3. the database refuses UPDATE, DELETE and TRUNCATE whoever sends them: proved in
 *      tests/integration/integrity.test.ts ("the audit log is append-only"), not repeated here.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ServerBuild, createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { makeUnit, makeUser } from "#tests/factories";
import { changedTables, fingerprint } from "#tests/support/db-fingerprint";
import { freshDatabase } from "#tests/support/database";
import { act, load, signIn } from "#tests/support/requests";
import { recordAudit } from "~/models/audit.server";
import * as root from "~/root";
import * as auditPage from "~/routes/admin.audit";
import * as unitsNew from "~/routes/admin.units.new";

const ORIGIN = "http://localhost:3000";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let handle: DatabaseHandle;
let admin: string;

/**
 * Remix's own request handler over the root and the audit route, as the production server routes
 * them. The document renderer is a stub: only the status Remix decides matters here.
 */
function auditRouteHandler() {
  const build = {
    mode: "production",
    entry: { module: { default: (_request: Request, status: number) => new Response(null, { status }), handleError: () => {} } },
    routes: {
      root: { id: "root", path: "", module: root },
      "routes/admin.audit": { id: "routes/admin.audit", parentId: "root", path: "admin/audit", module: auditPage },
    },
    assets: { entry: { module: "/assets/entry.js", imports: [] }, routes: {}, url: "/assets/manifest.js", version: "test" },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: { v3_singleFetch: true },
    isSpaMode: false,
    basename: "/",
  } as unknown as ServerBuild;
  return createRequestHandler(build, "production");
}

/** Every .ts/.tsx/.js/.mjs/.sh file under a directory of the repository. */
function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(tsx?|m?js|sh)$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

/**
 * Statements in a source text that would change or bypass the audit log, other than INSERT.
 * Drizzle calls are caught under any name the table is imported as (`auditLog as log`, `schema.auditLog`).
 */
function auditWrites(source: string): string[] {
  const names = new Set(["auditLog", "schema\\.auditLog"]);
  for (const match of source.matchAll(/\bauditLog\s+as\s+(\w+)/g)) names.add(match[1]);
  const table = `(?:${[...names].join("|")})`;
  const rawTable = `(?:\\$\\{\\s*${table}\\s*\\}|(?:"?public"?\\.)?"?audit_log"?)`;
  const patterns = [
    new RegExp(`\\.\\s*(?:update|delete)\\s*\\(\\s*${table}\\s*\\)`, "g"),
    new RegExp(`\\b(?:update(?:\\s+only)?|delete\\s+from(?:\\s+only)?|truncate(?:\\s+table)?(?:\\s+only)?|alter\\s+table(?:\\s+only)?)\\s+${rawTable}(?![\\w])`, "gi"),
    /session_replication_role/gi,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[0]));
}

beforeAll(async () => {
  handle = await freshDatabase();
  const province = await makeUnit(handle.db, { name: "Tỉnh Nhật Ký", kind: "province" });
  const council = await makeUnit(handle.db, { name: "HĐND tỉnh Nhật Ký", kind: "people_council", parentId: province.id });
  await makeUser(handle.db, { username: "qt.nhatky", fullName: "Quản Trị Nhật Ký", role: "admin", unitId: council.id, password: "mat-khau-nhat-ky-1" });
  admin = await signIn("qt.nhatky", "mat-khau-nhat-ky-1");
  // Something worth tampering with: the administrator created a unit.
  const created = await act(unitsNew, {
    path: "/admin/units/new",
    cookie: admin,
    form: { name: "Phường Không Sửa Được", kind: "commune", parentId: province.id, placeName: "Không Sửa Được", code: "", active: true },
  });
  expect(created.status).toBe(302);
  await recordAudit(handle.db, null, "login_failed", "user", 1, { failed: 1 });
});

afterAll(async () => {
  await handle?.close();
});

describe("the audit log page", () => {
  it("has a loader and no action", () => {
    expect(typeof auditPage.loader).toBe("function");
    expect("action" in auditPage).toBe(false);
  });

  it("answers a POST by the administrator with 405, as a page or as data, and nothing is written", async () => {
    const entries = (await load(auditPage, { path: "/admin/audit", cookie: admin })).data as { entries: { id: number; action: string }[] };
    const target = entries.entries[0];
    expect(target).toBeDefined();
    const before = await fingerprint(handle.db);
    const handler = auditRouteHandler();
    const tampering: Record<string, string>[] = [
      { id: String(target.id), action: "delete" },
      { id: String(target.id), intent: "update", data: "{}", actorId: "" },
      { intent: "truncate" },
    ];
    for (const path of ["/admin/audit", "/admin/audit.data", "/admin/audit?index", `/admin/audit?entity=unit&day=2024-01-01`]) {
      for (const fields of tampering) {
        const response = await handler(
          new Request(`${ORIGIN}${path}`, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: admin, Origin: ORIGIN, Host: "localhost:3000" } }),
        );
        expect(response.status, `${path} ${JSON.stringify(fields)}`).toBe(405);
      }
    }
    // Other methods a hand-made request could try are refused the same way.
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const response = await handler(new Request(`${ORIGIN}/admin/audit.data`, { method, headers: { Cookie: admin, Origin: ORIGIN, Host: "localhost:3000" } }));
      expect(response.status, method).toBe(405);
    }
    expect(changedTables(before, await fingerprint(handle.db))).toEqual([]);
  });

  it("reads without writing, whatever the query string says", async () => {
    const before = await fingerprint(handle.db);
    for (const query of ["", "?entity=unit", "?entity=%27%3B%20delete%20from%20audit_log%3B--", "?actorId=1%20or%201%3D1", "?day=2024-02-30"]) {
      const result = await load(auditPage, { path: `/admin/audit${query}`, cookie: admin });
      expect(result.status, query).toBe(200);
    }
    expect(changedTables(before, await fingerprint(handle.db))).toEqual([]);
  });
});

describe("no source of the app changes the audit log except by INSERT", () => {
  it("the scan finds every way of writing it that it looks for, and leaves reads and inserts alone", () => {
    const writes = [
      "await tx.update(auditLog).set({ data: {} })",
      "db . delete( auditLog ).where(eq(auditLog.id, 1))",
      'import { auditLog as log } from "#db/schema";\nawait db.update(log).set({})',
      "await db.delete(schema.auditLog)",
      "sql`UPDATE audit_log SET data = '{}'`",
      'sql`delete from "audit_log" where id = ${id}`',
      "sql.raw('TRUNCATE TABLE public.audit_log')",
      "sql`truncate audit_log`",
      "sql`update ${auditLog} set action = 'x'`",
      "sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`",
      "sql`set session_replication_role = replica`",
    ];
    for (const source of writes) expect(auditWrites(source), source).not.toEqual([]);
    const harmless = [
      "await tx.insert(auditLog).values({ action })",
      "db.select().from(auditLog).where(eq(auditLog.entity, 'plan'))",
      "sql`select count(*) from audit_log`",
      "await tx.update(auditLogins).set({})",
      "sql`update audit_log_archive set x = 1`",
      "// the audit log is append-only: we never update it",
    ];
    for (const source of harmless) expect(auditWrites(source), source).toEqual([]);
  });

  it("finds none in app/ and scripts/", () => {
    const files = [...sourceFiles("app"), ...sourceFiles("scripts")];
    expect(files.length).toBeGreaterThan(100);
    // The scan reads the files that do touch the table: the model that writes it and the page that reads it.
    expect(files).toEqual(expect.arrayContaining(["app/models/audit.server.ts", "app/routes/admin.audit.tsx"]));
    const found = files.flatMap((file) => auditWrites(readFileSync(path.join(ROOT, file), "utf8")).map((statement) => `${file}: ${statement}`));
    expect(found).toEqual([]);
    // And the one writer inserts.
    expect(readFileSync(path.join(ROOT, "app/models/audit.server.ts"), "utf8")).toMatch(/\.insert\(auditLog\)/);
  });
});
