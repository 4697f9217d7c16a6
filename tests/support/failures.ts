/**
 * What a refused operation threw: the error itself, and for database errors the SQLSTATE and the
 * constraint named, read through drizzle's wrapper on PGlite (`constraint`) and postgres.js
 * (`constraint_name`) alike.
 */

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(work: Promise<unknown> | (() => Promise<unknown>)): Promise<unknown> {
  try {
    await (typeof work === "function" ? work() : work);
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal, but the operation succeeded");
}

export type DatabaseRefusal = { code: string | undefined; constraint: string | undefined; message: string };

export function databaseRefusal(error: unknown): DatabaseRefusal {
  let code: string | undefined;
  let constraint: string | undefined;
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; message?: unknown; cause?: unknown };
    if (!code && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) code = e.code;
    const name = e.constraint ?? e.constraint_name;
    if (!constraint && typeof name === "string") constraint = name;
    if (typeof e.message === "string") messages.push(e.message);
    current = e.cause;
  }
  return { code, constraint, message: messages.join(" | ") };
}

/** Runs a statement that must be refused and returns how the database refused it. */
export async function refusedBy(work: Promise<unknown> | (() => Promise<unknown>)): Promise<DatabaseRefusal> {
  return databaseRefusal(await rejectionOf(work));
}
