/**
 * Sends the outbox to the server in order: consecutive answers in one batch, photos one by one.
 * An entry leaves the outbox only when the server has answered for it; a lost connection leaves
 * everything in place and the loop tries again when the browser is back online (and every few
 * seconds, since "online" events are not reliable on every tablet).
 */
import type { AnswerState, EditOutcome } from "~/schemas/answer-edit";
import { type EditEntry, type OutboxEntry, type PhotoEntry, pendingFor, remove } from "./outbox.client";

export type SyncStatus = { state: "idle" | "sending" | "offline" | "blocked"; pending: number; message?: string };
export type StoredPhoto = { id: number; clientId: string; itemId: number | null; fileName: string };

export type SyncEvents = {
  status(status: SyncStatus): void;
  outcomes(outcomes: EditOutcome[], entries: EditEntry[]): void;
  photoStored(photo: StoredPhoto): void;
  photoRefused(clientId: string, message: string): void;
  server(answers: AnswerState[], photos: StoredPhoto[]): void;
};

const BATCH = 50;
const RETRY_MS = 5_000;
const POLL_MS = 10_000;

class Blocked extends Error {}

/** The server or its database is down for a while: the edits wait as when offline, and go by themselves. */
class Unavailable extends Error {}

function assertAvailable(response: Response) {
  if ([502, 503, 504].includes(response.status)) throw new Unavailable(`Máy chủ tạm thời không trả lời (${response.status}).`);
}

async function messageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: string };
    if (body.message) return body.message;
  } catch {
    // fall through to the generic message
  }
  return `Máy chủ trả lời lỗi ${response.status}.`;
}

function assertSignedIn(response: Response) {
  // A redirect here can only be the sign-in page: the session ended while the tablet was away.
  if (response.type === "opaqueredirect" || response.status === 401) {
    throw new Blocked("Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại: các câu trả lời đang chờ vẫn được giữ trên máy.");
  }
}

async function sendEdits(visitId: number, entries: EditEntry[], events: SyncEvents) {
  const response = await fetch(`/visits/${visitId}/answers`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ edits: entries.map((e) => e.edit) }),
    redirect: "manual",
    credentials: "same-origin",
  });
  assertSignedIn(response);
  assertAvailable(response);
  if (!response.ok) throw new Blocked(await messageOf(response));
  const { outcomes } = (await response.json()) as { outcomes: EditOutcome[] };
  await remove(entries.map((e) => e.seq as number));
  events.outcomes(outcomes, entries);
}

async function sendPhoto(visitId: number, entry: PhotoEntry, events: SyncEvents) {
  const form = new FormData();
  form.set("clientId", entry.clientId);
  form.set("itemId", entry.itemId === null ? "" : String(entry.itemId));
  form.set("photo", entry.blob, entry.fileName);
  const response = await fetch(`/visits/${visitId}/photos`, { method: "POST", body: form, redirect: "manual", credentials: "same-origin" });
  assertSignedIn(response);
  assertAvailable(response);
  if (response.ok) {
    const { photo } = (await response.json()) as { photo: StoredPhoto };
    await remove([entry.seq as number]);
    events.photoStored(photo);
  } else if ([400, 413, 415].includes(response.status)) {
    // The file itself is refused: sending it again cannot help. The page keeps showing it as failed.
    const message = await messageOf(response);
    await remove([entry.seq as number]);
    events.photoRefused(entry.clientId, message);
  } else {
    throw new Blocked(await messageOf(response));
  }
}

export function startSync(visitId: number, userId: number, events: SyncEvents) {
  let running = false;
  let again = false;
  let stopped = false;
  let lastPoll = 0;

  async function drainOnce(): Promise<void> {
    let entries: OutboxEntry[] = await pendingFor(visitId, userId);
    if (entries.length > 0 && !navigator.onLine) {
      events.status({ state: "offline", pending: entries.length });
      return;
    }
    try {
      while (entries.length > 0 && !stopped) {
        events.status({ state: "sending", pending: entries.length });
        const first = entries[0];
        if (first.kind === "photo") {
          await sendPhoto(visitId, first, events);
        } else {
          const batch: EditEntry[] = [];
          for (const entry of entries) {
            if (entry.kind !== "edit" || batch.length === BATCH) break;
            batch.push(entry);
          }
          await sendEdits(visitId, batch, events);
        }
        entries = await pendingFor(visitId, userId);
      }
      events.status({ state: "idle", pending: 0 });
      if (Date.now() - lastPoll > POLL_MS && navigator.onLine) await poll();
    } catch (error) {
      const pending = (await pendingFor(visitId, userId)).length;
      if (error instanceof Blocked) events.status({ state: "blocked", pending, message: error.message });
      else events.status({ state: "offline", pending });
    }
  }

  async function poll() {
    lastPoll = Date.now();
    const response = await fetch(`/visits/${visitId}/answers`, { redirect: "manual", credentials: "same-origin", cache: "no-store" });
    if (!response.ok) return;
    const { answers, photos } = (await response.json()) as { answers: AnswerState[]; photos: StoredPhoto[] };
    // Our own edits made while the request was out would look overwritten: skip this round.
    if ((await pendingFor(visitId, userId)).length === 0) events.server(answers, photos);
  }

  async function drain() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const locks = typeof navigator.locks?.request === "function" ? navigator.locks : null;
        // Two tabs of one visit on one tablet take turns; the server would deduplicate anyway.
        if (locks) await locks.request(`hdnd-sync-${visitId}`, () => drainOnce());
        else await drainOnce();
      } while (again && !stopped);
    } finally {
      running = false;
    }
  }

  const kick = () => void drain();
  const timer = window.setInterval(kick, RETRY_MS);
  window.addEventListener("online", kick);
  window.addEventListener("offline", kick);
  kick();
  return {
    kick,
    stop() {
      stopped = true;
      window.clearInterval(timer);
      window.removeEventListener("online", kick);
      window.removeEventListener("offline", kick);
    },
  };
}
