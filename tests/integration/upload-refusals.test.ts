/**
 * Uploads a hostile client may send, at every upload endpoint: the tablet's checklist photos, the
 * unit's remediation evidence, the checklist template import and the supervision import. A file of
 * the wrong type (.exe, .zip, .html, .svg), an oversized one, one that claims to be an image and is
 * not, and one named with a path are each refused with a Vietnamese message, and nothing is written:
 * not a row (fingerprint) and not a byte in the attachment store. Then a property (fast-check): a
 * supervision file exported by the app and corrupted at random (cut short, wrong types, keys left
 * out, unknown or duplicate ids, huge arrays) is refused in Vietnamese with nothing written, or, when
 * the corruption leaves a valid file, imported with clean text.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, ne } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { recommendations, supervisionPlans, units, users, visits } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { CURRENT_PLAN } from "#tests/support/findings-fixture";
import { baseline, brief, checkAttacks, hostileValueFor, isVietnamese, judge, messagesOf, pathsOf, talliesReport } from "#tests/support/hostile-values";
import { type RouteResult, send, signIn } from "#tests/support/requests";
import { supervisionFileForVisit } from "~/models/supervision-file.server";
import * as templateImport from "~/routes/admin.templates.import";
import * as recommendationPage from "~/routes/recommendations.$recommendationId";
import * as supervisionImport from "~/routes/supervisions.import";
import * as photos from "~/routes/visits.$visitId.photos";
import { setVietnameseZodMessages } from "~/schemas/zod-vietnamese";
import { LocalDiskStore, setAttachmentStoreForTests } from "~/storage/attachment-store.server";
import { FILE_NAME_WITH_PATH } from "~/uploads.server";

let handle: DatabaseHandle;
let store: string;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
let exportText: string;
let templateText: string;

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01]);
const bytes = (text: string) => new TextEncoder().encode(text);

/** Files of the wrong type, by their real first bytes, each with the name and type a browser would give it. */
const WRONG_TYPES: { label: string; name: string; type: string; content: Uint8Array }[] = [
  { label: "a Windows program", name: "setup.exe", type: "application/x-msdownload", content: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xff]) },
  { label: "a zip archive", name: "minh-chung.zip", type: "application/zip", content: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]) },
  { label: "an HTML page", name: "bao-cao.html", type: "text/html", content: bytes("<!doctype html><html><body><script>alert(1)</script></body></html>") },
  { label: "an SVG image with script", name: "anh.svg", type: "image/svg+xml", content: bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>') },
  { label: "a file that claims to be a JPEG and is not", name: "anh-chup.jpg", type: "image/jpeg", content: bytes("đây không phải ảnh, chỉ là văn bản") },
  { label: "a file that claims to be a PNG and is an ELF program", name: "anh.png", type: "image/png", content: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]) },
];

const PATH_NAMES = ["../../x.jpg", "..\\..\\x.png", "/etc/passwd.jpg", "C:\\Windows\\anh.jpg", "anh/../../../etc/cron.d/x.jpg"];

beforeAll(async () => {
  setVietnameseZodMessages();
  store = mkdtempSync(path.join(tmpdir(), "upload-refusals-"));
  setAttachmentStoreForTests(new LocalDiskStore(store));
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  const db = handle.db;
  const [current] = await db.select().from(supervisionPlans).where(eq(supervisionPlans.subject, CURRENT_PLAN));
  const [visit] = await db.select().from(visits).where(eq(visits.planId, current.id));
  ids.visit = visit.id;
  const [committee] = await db.select().from(units).where(eq(units.name, "UBND phường Bình An"));
  const [open] = await db
    .select()
    .from(recommendations)
    .where(and(eq(recommendations.addressedUnitId, committee.id), ne(recommendations.status, "accepted")))
    .limit(1);
  ids.recommendation = open.id;
  const [plan05] = await db.select().from(supervisionPlans).where(eq(supervisionPlans.number, 5));
  const [visit05] = await db.select().from(visits).where(eq(visits.planId, plan05.id));
  const [chair] = await db.select().from(users).where(eq(users.username, "trang.ttt"));
  const file = await supervisionFileForVisit(db, await actorFor(chair.id), visit05.id);
  // Without its number, so the export imports again as a new plan with the next free number.
  exportText = JSON.stringify({ ...file!, plan: { ...file!.plan, number: null } }, null, 2);
  templateText = JSON.stringify({
    code: "thu-tai-len",
    title: "Phiếu thử tải lên",
    sections: [{ code: "A", title: "Niêm yết", items: [{ code: "A1", text: "Niêm yết thủ tục hành chính" }, { code: "A2", text: "Sổ theo dõi hồ sơ", answerType: "text" }] }],
  });
  for (const name of ["nhung.vt", "ubnd.binhan", "quantri", "trang.ttt"]) cookies[name] = await signIn(name, DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  console.info(talliesReport());
  await handle?.close();
  if (store) rmSync(store, { recursive: true, force: true });
});

/** Every file under the attachment store with its size: what an upload would have added. */
function storeListing(dir = store, prefix = ""): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? storeListing(full, `${prefix}${name}/`) : [`${prefix}${name} ${statSync(full).size}`];
  });
}

type Endpoint = {
  name: string;
  /** Where the page (or the tablet) posts, as whom. */
  target: () => { route: Parameters<typeof send>[0]; path: string; params?: Record<string, string>; cookie: string };
  /** The form's other fields, and the name of its file field. */
  fields: () => Record<string, string>;
  fileField: string;
  /** A file this endpoint takes, for the check that refusals are for the stated reason. */
  valid: () => File;
  /** Over the limit by one byte, starting like a real file of the kind. */
  oversized: () => File;
};

const ENDPOINTS: Endpoint[] = [
  {
    name: "checklist photo (/visits/:id/photos)",
    target: () => ({ route: photos, path: `/visits/${ids.visit}/photos`, params: { visitId: String(ids.visit) }, cookie: cookies["nhung.vt"] }),
    fields: () => ({ clientId: randomUUID(), itemId: "" }),
    fileField: "photo",
    valid: () => new File([JPEG], "bang-niem-yet.jpg", { type: "image/jpeg" }),
    oversized: () => new File([JPEG, new Uint8Array(8 * 1024 * 1024 + 1 - JPEG.length + 70 * 1024)], "to-qua.jpg", { type: "image/jpeg" }),
  },
  {
    name: "remediation evidence (/recommendations/:id)",
    target: () => ({ route: recommendationPage, path: `/recommendations/${ids.recommendation}`, params: { recommendationId: String(ids.recommendation) }, cookie: cookies["ubnd.binhan"] }),
    fields: () => ({ intent: "report", progress: "in_progress", content: "Đã cập nhật bảng niêm yết; kèm ảnh chụp." }),
    fileField: "files",
    valid: () => new File([bytes("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n")], "van-ban-chi-dao.pdf", { type: "application/pdf" }),
    oversized: () => new File([JPEG, new Uint8Array(8 * 1024 * 1024 + 1 - JPEG.length)], "to-qua.jpg", { type: "image/jpeg" }),
  },
  {
    name: "checklist template import (/admin/templates/import)",
    target: () => ({ route: templateImport, path: "/admin/templates/import", cookie: cookies.quantri }),
    fields: () => ({}),
    fileField: "file",
    valid: () => new File([templateText], "mau-phieu.json", { type: "application/json" }),
    oversized: () => new File([templateText, " ".repeat(1024 * 1024 + 1 - templateText.length)], "mau-phieu.json", { type: "application/json" }),
  },
  {
    name: "supervision import (/supervisions/import)",
    target: () => ({ route: supervisionImport, path: "/supervisions/import", cookie: cookies["trang.ttt"] }),
    fields: () => ({}),
    fileField: "file",
    valid: () => new File([exportText], "giam-sat.json", { type: "application/json" }),
    oversized: () => new File([exportText, " ".repeat(2 * 1024 * 1024 + 1 - exportText.length)], "giam-sat.json", { type: "application/json" }),
  },
];

/** The endpoint's form with its other fields and, unless null, the file. */
function formWith(endpoint: Endpoint, file: File | null): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(endpoint.fields())) form.append(key, value);
  if (file) form.append(endpoint.fileField, file);
  return form;
}

function post(endpoint: Endpoint, file: File): Promise<RouteResult> {
  return send(endpoint.target().route, { ...endpoint.target(), body: formWith(endpoint, file) });
}

/** Posts the file and requires a refusal in Vietnamese, no row and no stored byte written; returns the messages. */
async function refused(endpoint: Endpoint, file: File): Promise<string[]> {
  const listing = storeListing();
  const before = await baseline(handle.db);
  const result = await post(endpoint, file);
  const { judged } = await judge(handle.db, result, before, { what: `${endpoint.name} ${brief(file.name)} (${file.size} bytes, ${file.type})` });
  expect(judged.refused, `${endpoint.name}: ${file.name} was taken`).toBe(true);
  expect(storeListing(), `${endpoint.name}: ${file.name} left bytes in the store`).toEqual(listing);
  const messages = messagesOf(result.data);
  expect(messages.every(isVietnamese)).toBe(true);
  return messages;
}

describe("refused uploads", { timeout: 120_000 }, () => {
  for (const endpoint of ENDPOINTS) {
    describe(endpoint.name, () => {
      it("takes a file of the right kind (so the refusals below are for their reason)", async () => {
        const result = await post(endpoint, endpoint.valid());
        expect(result.status, brief(result.data)).toBeLessThan(400);
        expect(messagesOf(result.data).filter((m) => !isVietnamese(m))).toEqual([]);
      });

      for (const wrong of WRONG_TYPES) {
        it(`refuses ${wrong.label} (${wrong.name})`, async () => {
          await refused(endpoint, new File([wrong.content as Uint8Array<ArrayBuffer>], wrong.name, { type: wrong.type }));
        });
      }

      it("refuses an oversized file", async () => {
        const messages = await refused(endpoint, endpoint.oversized());
        expect(messages.join(" ")).toMatch(/quá lớn/);
      });

      for (const name of PATH_NAMES) {
        it(`refuses a good file named ${JSON.stringify(name)}`, async () => {
          const good = endpoint.valid();
          const messages = await refused(endpoint, new File([await good.arrayBuffer()], name, { type: good.type }));
          expect(messages).toContain(FILE_NAME_WITH_PATH);
        });
      }
    });
  }
});

describe("broken upload bodies", { timeout: 120_000 }, () => {
  type Broken = { kind: "cut" | "garbage" | "text/plain" | "json" | "urlencoded" | "empty" | "no file" | "file as text" | "two files" | "no type"; cut: number; garbage: Uint8Array };
  const broken: fc.Arbitrary<Broken> = fc.record({
    kind: fc.constantFrom("cut", "garbage", "text/plain", "json", "urlencoded", "empty", "no file", "file as text", "two files", "no type"),
    cut: fc.double({ min: 0, max: 0.999, noNaN: true }),
    garbage: fc.uint8Array({ maxLength: 400 }),
  });

  /** The endpoint's form with a good file, then broken as told: cut short, replaced, mislabelled, the file missing or doubled. */
  async function brokenBody(endpoint: Endpoint, b: Broken): Promise<{ body: BodyInit | null; contentType?: string }> {
    const good = endpoint.valid();
    const form = formWith(endpoint, b.kind === "no file" || b.kind === "file as text" ? null : good);
    if (b.kind === "two files") form.append(endpoint.fileField, new File([b.garbage as Uint8Array<ArrayBuffer>], "hai.jpg", { type: "image/jpeg" }));
    if (b.kind === "file as text") form.append(endpoint.fileField, await good.text());
    const response = new Response(form);
    const multipart = new Uint8Array(await response.arrayBuffer());
    const type = response.headers.get("Content-Type")!;
    switch (b.kind) {
      case "cut":
        return { body: multipart.slice(0, Math.floor(multipart.length * b.cut)), contentType: type };
      case "garbage":
        return { body: b.garbage as Uint8Array<ArrayBuffer>, contentType: type };
      case "text/plain":
        return { body: multipart, contentType: "text/plain" };
      case "json":
        return { body: await good.text(), contentType: "application/json" };
      case "urlencoded":
        return { body: `${endpoint.fileField}=${encodeURIComponent(await good.text())}`, contentType: "application/x-www-form-urlencoded" };
      case "empty":
        return { body: null, contentType: type };
      case "no type":
        return { body: multipart };
      default:
        return { body: multipart, contentType: type };
    }
  }

  for (const endpoint of ENDPOINTS) {
    it(endpoint.name, async () => {
      const listing = storeListing();
      const tally = await checkAttacks(handle.db, { name: `${endpoint.name} broken body` }, broken, async (b) => {
        const { body, contentType } = await brokenBody(endpoint, b);
        const result = await send(endpoint.target().route, { ...endpoint.target(), body: body as BodyInit, contentType });
        return { result, what: `${b.kind} ${b.cut}` };
      }, 20);
      expect(tally.refused).toBeGreaterThan(0);
      // Files come from successes only (a whole body with a second, random file is one at most).
      if (tally.succeeded === 0) expect(storeListing()).toEqual(listing);
    });
  }
});

describe("a corrupted supervision file", { timeout: 180_000 }, () => {
  type Corruption =
    | { kind: "cut"; at: number }
    | { kind: "set"; path: (string | number)[]; value: unknown }
    | { kind: "remove"; path: (string | number)[] }
    | { kind: "unknown id"; where: "recommendations" | "findings" }
    | { kind: "duplicate id"; where: "figures" | "findings" }
    | { kind: "huge array"; where: "figures" | "team" | "recommendations" | "findingIds"; size: number }
    | { kind: "not an object"; value: unknown };

  function corrupt(text: string, corruptions: Corruption[]): string {
    let file = JSON.parse(text);
    let cut: number | null = null;
    for (const c of corruptions) {
      if (c.kind === "cut") cut = c.at;
      if (c.kind === "not an object") file = c.value;
      if (!file || typeof file !== "object") continue;
      if (c.kind === "set" || c.kind === "remove") {
        let node = file;
        for (const part of c.path.slice(0, -1)) node = node?.[part];
        if (node && typeof node === "object") {
          const last = c.path[c.path.length - 1];
          if (c.kind === "set") node[last] = c.value;
          else if (Array.isArray(node) && typeof last === "number") node.splice(last, 1);
          else delete node[last];
        }
      }
      if (c.kind === "unknown id") {
        if (c.where === "recommendations" && file.recommendations?.[0]) file.recommendations[0].findingIds = ["khong-co-phat-hien"];
        if (c.where === "findings" && file.findings?.[0]) file.findings[0].figureIds = ["khong-co-so-lieu"];
      }
      if (c.kind === "duplicate id" && Array.isArray(file[c.where]) && file[c.where].length > 1) file[c.where][1].id = file[c.where][0].id;
      if (c.kind === "huge array") {
        if (c.where === "findingIds" && file.recommendations?.[0]) file.recommendations[0].findingIds = Array.from({ length: c.size }, () => file.findings?.[0]?.id ?? "f1");
        else if (c.where !== "findingIds") file[c.where] = Array.from({ length: c.size }, (_, i) => (i % 2 === 0 ? file[c.where]?.[0] ?? {} : i));
      }
    }
    const out = JSON.stringify(file);
    return cut === null || out === undefined ? (out ?? "") : out.slice(0, Math.floor(out.length * cut));
  }

  it("is refused in Vietnamese with nothing written, or taken with clean text", async () => {
    const shape = JSON.parse(exportText) as Record<string, unknown>;
    const paths = pathsOf(shape);
    const corruption: fc.Arbitrary<Corruption> = fc.oneof(
      fc.record({ kind: fc.constant("cut" as const), at: fc.double({ min: 0, max: 0.999, noNaN: true }) }),
      fc.constantFrom(...paths).chain((p) => {
        let value: unknown = shape;
        for (const part of p) value = (value as Record<string | number, unknown>)[part];
        return fc.record({ kind: fc.constant("set" as const), path: fc.constant(p), value: hostileValueFor(value) });
      }),
      fc.record({ kind: fc.constant("remove" as const), path: fc.constantFrom(...paths) }),
      fc.record({ kind: fc.constant("unknown id" as const), where: fc.constantFrom("recommendations" as const, "findings" as const) }),
      fc.record({ kind: fc.constant("duplicate id" as const), where: fc.constantFrom("figures" as const, "findings" as const) }),
      fc.record({ kind: fc.constant("huge array" as const), where: fc.constantFrom("figures" as const, "team" as const, "recommendations" as const, "findingIds" as const), size: fc.constantFrom(1000, 20_000, 200_000) }),
      fc.record({ kind: fc.constant("not an object" as const), value: fc.constantFrom(null, 42, "tệp", [], [1, 2]) }),
    );
    const tally = await checkAttacks(
      handle.db,
      { name: "supervisions.import corrupted export" },
      fc.array(corruption, { minLength: 1, maxLength: 3 }),
      async (corruptions) => {
        const form = new FormData();
        form.append("file", new File([corrupt(exportText, corruptions)], "giam-sat.json", { type: "application/json" }));
        const result = await send(supervisionImport, { path: "/supervisions/import", cookie: cookies["trang.ttt"], body: form });
        return { result, what: brief(corruptions) };
      },
      40,
    );
    expect(tally.refused).toBeGreaterThan(tally.runs / 2);
  });
});

describe("a corrupted checklist template file", { timeout: 120_000 }, () => {
  it("is refused in Vietnamese with nothing written, or taken with clean text", async () => {
    const shape = JSON.parse(templateText) as Record<string, unknown>;
    const paths = pathsOf(shape);
    const change = fc.oneof(
      fc.record({ kind: fc.constant("cut" as const), at: fc.double({ min: 0, max: 0.999, noNaN: true }) }),
      fc.constantFrom(...paths).chain((p) => {
        let value: unknown = shape;
        for (const part of p) value = (value as Record<string | number, unknown>)[part];
        return fc.record({ kind: fc.constant("set" as const), path: fc.constant(p), value: hostileValueFor(value) });
      }),
      fc.record({ kind: fc.constant("remove" as const), path: fc.constantFrom(...paths) }),
      fc.record({ kind: fc.constant("huge array" as const), size: fc.constantFrom(600, 20_000) }),
    );
    await checkAttacks(
      handle.db,
      { name: "admin.templates.import corrupted file" },
      fc.array(change, { minLength: 1, maxLength: 3 }),
      async (changes) => {
        const file = JSON.parse(templateText);
        let cut: number | null = null;
        for (const c of changes) {
          if (c.kind === "cut") cut = c.at;
          if (c.kind === "huge array") file.sections[0].items = Array.from({ length: c.size }, (_, i) => ({ code: `X${i}`, text: `Tiêu chí ${i}` }));
          if (c.kind === "set" || c.kind === "remove") {
            let node = file;
            for (const part of c.path.slice(0, -1)) node = node?.[part];
            if (!node || typeof node !== "object") continue;
            const last = c.path[c.path.length - 1];
            if (c.kind === "set") node[last] = c.value;
            else delete node[last];
          }
        }
        const text = JSON.stringify(file);
        const content = cut === null ? text : text.slice(0, Math.floor(text.length * cut));
        const result = await post(ENDPOINTS[2], new File([content], "mau-phieu.json", { type: "application/json" }));
        return { result, what: brief(changes) };
      },
      25,
    );
  });
});
