import path from "node:path";

export const TEMPLATE_DATABASE = "hdnd_test_template";
export const PGLITE_SNAPSHOT = path.resolve(".cache/pglite-migrated.tar");

export function testDatabaseKind(): "pglite" | "postgres" {
  return process.env.TEST_DATABASE === "postgres" ? "postgres" : "pglite";
}

/** The server's maintenance database, or another database on the same server. */
export function adminUrl(database?: string): string {
  const base = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  if (!database) return base;
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}
