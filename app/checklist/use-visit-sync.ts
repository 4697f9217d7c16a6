/**
 * The checklist page's state: what the server has, what this tablet has not yet sent, and what
 * the team member must be told (an answer overwritten by a teammate, an older answer not used,
 * a refused edit). Every answer goes through the outbox, online or not.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { AnswerEdit, AnswerState, EditOutcome } from "~/schemas/answer-edit";
import { type EditEntry, askPersistence, enqueue, pendingFor, remember, seenFor } from "./outbox.client";
import { newId } from "./ids.client";
import { resizePhoto } from "./resize-photo.client";
import { type StoredPhoto, type SyncStatus, startSync } from "./sync.client";

export type Notice = { kind: "overwritten" | "stale" | "replaced" | "refused"; by: string | null; at: string | null; mine: AnswerEdit | null; message?: string };
export type ItemSync = { server: AnswerState | null; local: AnswerEdit | null; failed: string | null; notice: Notice | null };
export type PhotoView = { key: string; itemId: number | null; url: string; state: "saved" | "waiting" | "failed"; message?: string };
export type AnswerPatch = Partial<Pick<AnswerEdit, "value" | "note" | "numberValue" | "textValue" | "figure" | "draftFinding">>;

type Items = Record<number, ItemSync>;

/** A photo the server has, keyed by the device's id so the device's own copy is not shown twice. */
function savedPhoto(p: { id: number; clientId: string | null; itemId: number | null }): PhotoView {
  return { key: p.clientId ?? String(p.id), itemId: p.itemId, url: `/attachments/${p.id}`, state: "saved" };
}

const empty: ItemSync = { server: null, local: null, failed: null, notice: null };

function differs(mine: AnswerEdit, server: AnswerState): boolean {
  return (
    mine.value !== server.value ||
    mine.note !== server.note ||
    (mine.numberValue ?? null) !== server.numberValue ||
    (mine.textValue ?? null) !== server.textValue ||
    JSON.stringify(mine.figure ?? null) !== JSON.stringify(server.figure)
  );
}

export function useVisitSync(input: {
  visitId: number;
  userId: number;
  answers: AnswerState[];
  photos: { id: number; clientId: string | null; itemId: number | null }[];
}) {
  const { visitId, userId } = input;
  const [items, setItems] = useState<Items>(() => Object.fromEntries(input.answers.map((a) => [a.itemId, { ...empty, server: a }])));
  const [photos, setPhotos] = useState<PhotoView[]>(() => input.photos.map(savedPhoto));
  const [status, setStatus] = useState<SyncStatus>({ state: "idle", pending: 0 });
  const [ready, setReady] = useState(false);
  const mine = useRef(new Map<number, AnswerEdit>());
  const sync = useRef<ReturnType<typeof startSync> | null>(null);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const update = useCallback((itemId: number, change: (current: ItemSync) => ItemSync) => {
    setItems((all) => ({ ...all, [itemId]: change(all[itemId] ?? empty) }));
  }, []);

  const rememberServer = useCallback(
    (states: AnswerState[]) =>
      remember(states.map((s) => ({ visitId, itemId: s.itemId, server: s, mine: mine.current.get(s.itemId) ?? null }))).catch(() => {}),
    [visitId],
  );

  useEffect(() => {
    let cancelled = false;
    const urls: string[] = [];
    (async () => {
      void askPersistence();
      const [seen, pending] = await Promise.all([seenFor(visitId), pendingFor(visitId, userId)]);
      if (cancelled) return;
      for (const s of seen) if (s.mine) mine.current.set(s.itemId, s.mine);
      setItems((all) => {
        const next = { ...all };
        // A page served from the offline cache may be older than what this tablet last saw.
        for (const s of seen) {
          const current = next[s.itemId] ?? empty;
          if (s.server && (!current.server || s.server.revision > current.server.revision)) next[s.itemId] = { ...current, server: s.server };
        }
        for (const entry of pending) if (entry.kind === "edit") next[entry.edit.itemId] = { ...(next[entry.edit.itemId] ?? empty), local: entry.edit };
        return next;
      });
      const waiting = pending.flatMap((entry) => {
        if (entry.kind !== "photo") return [];
        const url = URL.createObjectURL(entry.blob);
        urls.push(url);
        return [{ key: entry.clientId, itemId: entry.itemId, url, state: "waiting" as const }];
      });
      setPhotos((all) => [...all.filter((p) => !waiting.some((w) => w.key === p.key)), ...waiting]);
      sync.current = startSync(visitId, userId, {
        status: setStatus,
        outcomes: (outcomes: EditOutcome[], entries: EditEntry[]) => {
          const edits = new Map(entries.map((e) => [e.edit.editId, e.edit]));
          const confirmed: AnswerState[] = [];
          for (const outcome of outcomes) {
            const edit = edits.get(outcome.editId);
            if (!edit) continue;
            if (outcome.outcome === "refused") {
              update(edit.itemId, (c) => ({
                ...c,
                local: c.local?.editId === edit.editId ? null : c.local,
                failed: outcome.message,
                notice: { kind: "refused", by: null, at: null, mine: edit, message: outcome.message },
              }));
              continue;
            }
            confirmed.push(outcome.answer);
            // A batch saved but never answered (connection or server lost) is sent again: its
            // earlier edits of an item come back "stale" against this device's own later edit.
            const supersededByMine =
              outcome.outcome === "stale" && outcome.answer.answeredById === userId && mine.current.get(edit.itemId)?.editId !== edit.editId;
            const notice: Notice | null =
              outcome.outcome === "stale" && !supersededByMine
                ? { kind: "stale", by: outcome.answer.answeredByName, at: outcome.answer.answeredAt, mine: edit }
                : outcome.outcome === "applied" && outcome.replaced
                  ? { kind: "replaced", by: outcome.replaced.answeredByName, at: outcome.replaced.answeredAt, mine: null }
                  : null;
            update(edit.itemId, (c) => ({
              server: !c.server || outcome.answer.revision >= c.server.revision ? outcome.answer : c.server,
              local: c.local?.editId === edit.editId ? null : c.local,
              failed: null,
              notice: notice ?? (c.notice?.kind === "refused" ? null : c.notice),
            }));
          }
          void rememberServer(confirmed);
        },
        photoStored: (photo: StoredPhoto) =>
          setPhotos((all) => all.map((p) => (p.key === photo.clientId ? { ...p, state: "saved" } : p))),
        photoRefused: (clientId, message) => setPhotos((all) => all.map((p) => (p.key === clientId ? { ...p, state: "failed", message } : p))),
        server: (answers, stored) => {
          // Photos a teammate added since the page was loaded.
          setPhotos((all) => [...all, ...stored.map(savedPhoto).filter((p) => !all.some((q) => q.key === p.key))]);
          const changed: AnswerState[] = [];
          for (const incoming of answers) {
            const current = itemsRef.current[incoming.itemId]?.server;
            if (current && incoming.revision <= current.revision) continue;
            changed.push(incoming);
            const own = mine.current.get(incoming.itemId);
            const overwritten = incoming.answeredById !== userId && own && differs(own, incoming);
            update(incoming.itemId, (c) => ({
              ...c,
              server: incoming,
              notice: overwritten ? { kind: "overwritten", by: incoming.answeredByName, at: incoming.answeredAt, mine: own } : c.notice,
            }));
          }
          void rememberServer(changed);
        },
      });
      setReady(true);
    })();
    return () => {
      cancelled = true;
      sync.current?.stop();
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [visitId, userId, update, rememberServer]);

  const answer = useCallback(
    async (itemId: number, patch: AnswerPatch) => {
      const current = itemsRef.current[itemId] ?? empty;
      const shown = current.local ?? current.server;
      const edit: AnswerEdit = {
        editId: newId(),
        itemId,
        answeredAt: new Date().toISOString(),
        baseRevision: current.server?.revision ?? 0,
        value: shown?.value ?? null,
        note: shown?.note ?? "",
        numberValue: shown?.numberValue ?? null,
        textValue: shown?.textValue ?? null,
        figure: shown?.figure ?? null,
        draftFinding: null,
        ...patch,
      };
      update(itemId, (c) => ({ ...c, local: edit, failed: null, notice: c.notice?.kind === "overwritten" || c.notice?.kind === "stale" ? c.notice : null }));
      mine.current.set(itemId, edit);
      await enqueue({ kind: "edit", visitId, userId, edit });
      await remember([{ visitId, itemId, server: current.server, mine: edit }]);
      sync.current?.kick();
    },
    [visitId, userId, update],
  );

  const addPhoto = useCallback(
    async (itemId: number | null, file: File) => {
      const blob = await resizePhoto(file);
      const clientId = newId();
      const fileName = `${(file.name || "anh").replace(/\.[^.]*$/, "")}.jpg`;
      await enqueue({ kind: "photo", visitId, userId, clientId, itemId, fileName, blob, createdAt: new Date().toISOString() });
      setPhotos((all) => [...all, { key: clientId, itemId, url: URL.createObjectURL(blob), state: "waiting" }]);
      sync.current?.kick();
    },
    [visitId, userId],
  );

  const dismiss = useCallback((itemId: number) => update(itemId, (c) => ({ ...c, notice: null })), [update]);

  return { items, photos, status, ready, answer, addPhoto, dismiss };
}
