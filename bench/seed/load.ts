/**
 * The database side of the generator: one `COPY … FROM STDIN` stream per table through postgres.js,
 * fed in chunks with backpressure; secondary indexes and foreign keys of the loaded tables set
 * aside during the load and rebuilt after (the foreign keys validated, so a wrong reference fails
 * the run); sequences moved past the generated ids.
 */
import type { Writable } from "node:stream";
import type { Sql } from "postgres";
import { type Cell, copyLine } from "./copy-text";
import { TABLES, type TableName } from "./tables";

const CHUNK_CHARS = 256 * 1024;

class CopySink {
  private chunks: string[] = [];
  private size = 0;
  private failure: Error | null = null;
  rows = 0;

  constructor(
    readonly table: TableName,
    private readonly stream: Writable,
  ) {
    stream.on("error", (error: Error) => {
      this.failure ??= new Error(`COPY ${table}: ${error.message}`, { cause: error });
    });
  }

  push(cells: readonly Cell[]) {
    const line = copyLine(cells);
    this.chunks.push(line);
    this.size += line.length;
    this.rows++;
  }

  get pending() {
    return this.size;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.size === 0) return;
    const data = this.chunks.join("");
    this.chunks = [];
    this.size = 0;
    if (!this.stream.write(data)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          this.stream.off("error", onError);
          resolve();
        };
        const onError = (error: Error) => {
          this.stream.off("drain", onDrain);
          reject(new Error(`COPY ${this.table}: ${error.message}`, { cause: error }));
        };
        this.stream.once("drain", onDrain);
        this.stream.once("error", onError);
      });
    }
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", (error: Error) => reject(new Error(`COPY ${this.table}: ${error.message}`, { cause: error })));
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    if (this.failure) throw this.failure;
  }
}

/** Every table's COPY stream, open at once; the generator writes rows, `settle` pushes them out. */
export class CopySinks {
  private constructor(private readonly sinks: Map<TableName, CopySink>) {}

  static async open(sql: Sql, tables: readonly TableName[]): Promise<CopySinks> {
    const sinks = new Map<TableName, CopySink>();
    for (const table of tables) {
      const columns = TABLES[table].map((c) => `"${c}"`).join(", ");
      const stream = (await sql.unsafe(`COPY "${table}" (${columns}) FROM STDIN`).writable()) as unknown as Writable;
      sinks.set(table, new CopySink(table, stream));
    }
    return new CopySinks(sinks);
  }

  readonly emit = (table: TableName, row: Cell[]) => {
    const sink = this.sinks.get(table);
    if (!sink) throw new Error(`no COPY stream for ${table}`);
    if (row.length !== TABLES[table].length) throw new Error(`${table}: ${row.length} cells for ${TABLES[table].length} columns`);
    sink.push(row);
  };

  /** Sends what is buffered once it is big enough, waiting while the server catches up. */
  async settle(force = false): Promise<void> {
    await Promise.all([...this.sinks.values()].filter((s) => force || s.pending >= CHUNK_CHARS).map((s) => s.flush()));
  }

  async close(): Promise<Record<string, number>> {
    await Promise.all([...this.sinks.values()].map((s) => s.close()));
    return Object.fromEntries([...this.sinks].map(([table, sink]) => [table, sink.rows]));
  }
}

export type SetAside = {
  indexes: { table: string; name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
  triggers: { table: string; name: string; rebuild: string }[];
};

/**
 * Row triggers that run after an insert and keep other tables in step (so they read rows another
 * COPY stream has not committed yet): switched off during the load, and what they maintain rebuilt
 * after it by the statement given here. A new such trigger stops the load until it is added.
 */
export const REBUILD_AFTER_LOAD: Record<string, string> = {
  recommendations_follow_up_cells: "SELECT refresh_follow_up_cells()",
};

const TRIGGER_ROW = 1;
const TRIGGER_BEFORE = 2;
const TRIGGER_INSERT = 4;
const TRIGGER_INSTEAD = 64;

/** Whether a pg_trigger.tgtype fires after each inserted row. */
export function firesAfterEachInsert(tgtype: number): boolean {
  return (tgtype & TRIGGER_ROW) !== 0 && (tgtype & TRIGGER_INSERT) !== 0 && (tgtype & (TRIGGER_BEFORE | TRIGGER_INSTEAD)) === 0;
}

/**
 * Drops the foreign keys declared on `tables` and their indexes other than primary keys, switches
 * off the after-insert triggers of REBUILD_AFTER_LOAD, and returns what is needed to restore them.
 * Checks and the other triggers stay: every row is still checked.
 */
export async function setAsideConstraints(sql: Sql, tables: readonly string[]): Promise<SetAside> {
  const triggerRows = await sql<{ table: string; name: string; type: number }[]>`
    select c.relname as table, t.tgname as name, t.tgtype::int as type
    from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where not t.tgisinternal and t.tgenabled <> 'D' and c.oid = any(${tables.map((t) => `public.${t}`)}::regclass[])
    order by 1, 2`;
  const triggers = triggerRows.filter((t) => firesAfterEachInsert(t.type));
  const unknown = triggers.filter((t) => !(t.name in REBUILD_AFTER_LOAD));
  if (unknown.length > 0) {
    throw new Error(
      `trigger(s) ${unknown.map((t) => `${t.name} on ${t.table}`).join(", ")} run after each insert: ` +
        "add to REBUILD_AFTER_LOAD in bench/seed/load.ts the statement that rebuilds what they maintain",
    );
  }
  const foreignKeys = await sql<{ table: string; name: string; definition: string }[]>`
    select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c
    where c.contype = 'f' and c.conrelid = any(${tables.map((t) => `public.${t}`)}::regclass[])
    order by 1, 2`;
  const indexes = await sql<{ table: string; name: string; definition: string }[]>`
    select i.indrelid::regclass::text as table, i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    where i.indrelid = any(${tables.map((t) => `public.${t}`)}::regclass[])
      and not i.indisprimary
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('p', 'u', 'x'))
    order by 1, 2`;
  for (const fk of foreignKeys) await sql.unsafe(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
  for (const index of indexes) await sql.unsafe(`DROP INDEX ${index.name}`);
  for (const trigger of triggers) await sql.unsafe(`ALTER TABLE "${trigger.table}" DISABLE TRIGGER "${trigger.name}"`);
  return {
    indexes: [...indexes],
    foreignKeys: [...foreignKeys],
    triggers: triggers.map((t) => ({ table: t.table, name: t.name, rebuild: REBUILD_AFTER_LOAD[t.name] })),
  };
}

/** Runs `jobs` on `parallel` workers, each job once, in order of the list. */
async function pool<T>(items: T[], parallel: number, job: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      while (next < items.length) await job(items[next++]);
    }),
  );
}

/**
 * Rebuilds what setAsideConstraints dropped: indexes two at a time, then foreign keys added NOT
 * VALID (instant) and validated, two child tables at a time (validation locks only the child
 * against itself), so a row that points nowhere fails here; last, the triggers are switched on
 * again and what they maintain is rebuilt.
 */
export async function restoreConstraints(sql: Sql, setAside: SetAside, parallel = 2): Promise<void> {
  const reserved = await Promise.all(Array.from({ length: parallel }, () => sql.reserve()));
  try {
    for (const connection of reserved) {
      await connection.unsafe("SET maintenance_work_mem = '1GB'");
      await connection.unsafe("SET work_mem = '256MB'");
      await connection.unsafe("SET max_parallel_maintenance_workers = 0");
    }
    const free = [...reserved];
    const withConnection = async (run: (c: (typeof reserved)[number]) => Promise<unknown>) => {
      const connection = free.pop()!;
      try {
        await run(connection);
      } finally {
        free.push(connection);
      }
    };
    // Biggest tables first, so the two workers finish together.
    const sizes = new Map((await sql<{ name: string; bytes: string }[]>`select relname as name, pg_relation_size(oid)::text as bytes from pg_class where relkind = 'r'`).map((r) => [r.name, Number(r.bytes)]));
    const bySize = <X extends { table: string }>(items: X[]) => [...items].sort((a, b) => (sizes.get(b.table) ?? 0) - (sizes.get(a.table) ?? 0));
    await pool(bySize(setAside.indexes), parallel, (index) => withConnection((c) => c.unsafe(index.definition)));
    for (const fk of setAside.foreignKeys) await sql.unsafe(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.definition} NOT VALID`);
    const byTable = new Map<string, typeof setAside.foreignKeys>();
    for (const fk of setAside.foreignKeys) byTable.set(fk.table, [...(byTable.get(fk.table) ?? []), fk]);
    const groups = bySize([...byTable].map(([table, fks]) => ({ table, fks })));
    await pool(groups, parallel, (group) =>
      withConnection(async (c) => {
        for (const fk of group.fks) await c.unsafe(`ALTER TABLE ${fk.table} VALIDATE CONSTRAINT "${fk.name}"`);
      }),
    );
    for (const trigger of setAside.triggers) await sql.unsafe(`ALTER TABLE "${trigger.table}" ENABLE TRIGGER "${trigger.name}"`);
    for (const rebuild of new Set(setAside.triggers.map((t) => t.rebuild))) await reserved[0].unsafe(rebuild);
  } finally {
    for (const connection of reserved) connection.release();
  }
}

/** Moves each identity sequence of `tables` past the largest id. */
export async function resetSequences(sql: Sql, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await sql.unsafe(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), greatest((SELECT max(id) FROM "${table}"), 1))`);
  }
}

/** The largest id of each table (0 when empty): the generator starts past them. */
export async function maxIds(sql: Sql, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await sql.unsafe<{ max: string | null }[]>(`SELECT max(id)::text AS max FROM "${table}"`);
    out[table] = Number(row.max ?? 0);
  }
  return out;
}
