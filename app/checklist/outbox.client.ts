/**
 * The tablet's outbox: every answer and photo is written here first, in IndexedDB, so it survives
 * a lost connection, a reload and a restart of the browser; the sync loop sends the entries in the
 * order they were made and deletes each one only when the server has answered for it.
 */
import type { AnswerEdit, AnswerState } from "~/schemas/answer-edit";

export type EditEntry = { seq?: number; kind: "edit"; visitId: number; userId: number; edit: AnswerEdit };
export type PhotoEntry = {
  seq?: number;
  kind: "photo";
  visitId: number;
  userId: number;
  clientId: string;
  itemId: number | null;
  fileName: string;
  blob: Blob;
  createdAt: string;
};
export type OutboxEntry = EditEntry | PhotoEntry;

/** What this device last knew of an item: the server's state and the device user's own last answer. */
export type SeenEntry = { visitId: number; itemId: number; server: AnswerState | null; mine: AnswerEdit | null };

const DB_NAME = "hdnd-giam-sat";
const VERSION = 1;

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      const outbox = db.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
      outbox.createIndex("visitId", "visitId");
      db.createObjectStore("seen", { keyPath: ["visitId", "itemId"] });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function store(name: "outbox" | "seen", mode: IDBTransactionMode) {
  const db = await open();
  return db.transaction(name, mode).objectStore(name);
}

export async function enqueue(entry: OutboxEntry): Promise<number> {
  return Number(await done((await store("outbox", "readwrite")).add(entry)));
}

/**
 * The entries one user made on a visit, in the order they were made. Another user signing in on
 * the same tablet neither sees nor sends them: they are sent as their author, when they are back.
 */
export async function pendingFor(visitId: number, userId: number): Promise<OutboxEntry[]> {
  const entries = (await done((await store("outbox", "readonly")).index("visitId").getAll(visitId))) as OutboxEntry[];
  return entries.filter((e) => e.userId === userId).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

export async function remove(seqs: number[]): Promise<void> {
  if (seqs.length === 0) return;
  const outbox = await store("outbox", "readwrite");
  await Promise.all(seqs.map((seq) => done(outbox.delete(seq))));
}

export async function seenFor(visitId: number): Promise<SeenEntry[]> {
  const range = IDBKeyRange.bound([visitId, 0], [visitId, Number.MAX_SAFE_INTEGER]);
  return (await done((await store("seen", "readonly")).getAll(range))) as SeenEntry[];
}

export async function remember(entries: SeenEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const seen = await store("seen", "readwrite");
  await Promise.all(entries.map((e) => done(seen.put(e))));
}

/** Asks the browser not to evict our data under storage pressure (granted for installed or engaged sites). */
export async function askPersistence(): Promise<void> {
  try {
    if (navigator.storage?.persist && !(await navigator.storage.persisted())) await navigator.storage.persist();
  } catch {
    // Best effort: without it the data is still kept unless the device runs out of space.
  }
}
