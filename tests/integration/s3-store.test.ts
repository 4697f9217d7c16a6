/**
 * Attachments in an S3-compatible bucket, against a real S3 server in this process
 * (@20minutes/s3rver, which recomputes every SigV4 signature with the secret it knows and refuses
 * a mismatch): the store's round trips, refusals and content types; then a visit photo and a
 * remediation report's PDF going through the app's own routes with the S3 store installed, and
 * nothing written to the local attachments directory.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { attachments, recommendations, remediationReports, supervisionPlans, units, visits } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { freshDatabase } from "#tests/support/database";
import { send, signIn } from "#tests/support/requests";
import * as attachmentRoute from "~/routes/attachments.$attachmentId";
import * as recommendationRoute from "~/routes/recommendations.$recommendationId";
import * as photosRoute from "~/routes/visits.$visitId.photos";
import { LocalDiskStore, setAttachmentStoreForTests, storeFromEnv } from "~/storage/attachment-store.server";
import { EMPTY_PAYLOAD_HASH, type Environment, S3RequestError, S3Store, s3SettingsFromEnv, signV4 } from "~/storage/s3-store.server";

type FakeS3 = { run(): Promise<AddressInfo>; close(): Promise<void> };
const require = createRequire(import.meta.url);
const S3rver = require("@20minutes/s3rver") as new (options: Record<string, unknown>) => FakeS3;
const { DUMMY_ACCOUNT } = require("@20minutes/s3rver/lib/models/account") as {
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void; revokeAccessKey(id: string): void };
};

const BUCKET = "hdnd-test";
// An id and a secret that differ, so a signer that mixed them up would be refused.
const ACCESS_KEY_ID = "hdnd-test-writer";
const SECRET = `secret-${randomUUID()}`;

let server: FakeS3;
let serverDir: string;
let env: Environment;
/** The app's store in these tests (prefix "giam-sat"), and one without a prefix to look behind it. */
let store: S3Store;
let bare: S3Store;

const s3 = (overrides: Environment = {}) => new S3Store(s3SettingsFromEnv({ ...env, ...overrides }));
const same = (a: Uint8Array | null, b: Uint8Array) => a !== null && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** A "photo": JPEG's first bytes, every byte value, then random bytes: anything a text path would mangle. */
function binaryPhoto(size = 300_000): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  for (let value = 0; value < 256; value++) bytes[4 + value] = value;
  bytes.set(randomBytes(size - 262), 260);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
}

async function rejection(work: Promise<unknown>): Promise<S3RequestError> {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(S3RequestError);
  return error as S3RequestError;
}

beforeAll(async () => {
  DUMMY_ACCOUNT.createKeyPair(ACCESS_KEY_ID, SECRET);
  serverDir = mkdtempSync(path.join(tmpdir(), "hdnd-s3-"));
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: serverDir, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  env = {
    ATTACHMENT_STORE: "s3",
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_REGION: "ap-southeast-1",
    S3_BUCKET: BUCKET,
    S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: SECRET,
    S3_FORCE_PATH_STYLE: "true",
    S3_PREFIX: "giam-sat",
  };
  store = s3();
  bare = s3({ S3_PREFIX: "" });
});

afterAll(async () => {
  await server?.close();
  DUMMY_ACCOUNT.revokeAccessKey(ACCESS_KEY_ID);
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

describe("the S3 store against a server that checks signatures", () => {
  it("stores a binary photo and gives the same bytes back", async () => {
    const photo = binaryPhoto();
    const key = `visits/7/${randomUUID()}.jpg`;
    await store.put(key, photo);
    const back = await store.get(key);
    expect(back?.byteLength).toBe(photo.byteLength);
    expect(same(back, photo)).toBe(true);
    // Written again under the same key (a retried upload), the new bytes win.
    const smaller = binaryPhoto(1_000);
    await store.put(key, smaller);
    expect(same(await store.get(key), smaller)).toBe(true);
  });

  it("gives null for a key never stored, and after delete; deleting again is no error", async () => {
    expect(await store.get(`visits/7/${randomUUID()}.jpg`)).toBeNull();
    const key = `remediation/3/${randomUUID()}.pdf`;
    await store.put(key, new TextEncoder().encode("%PDF-1.4 minh chứng"));
    expect(await store.get(key)).not.toBeNull();
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key);
  });

  it("keeps keys with / apart, and puts S3_PREFIX in front of them", async () => {
    const id = randomUUID();
    const keys = [`visits/1/${id}.jpg`, `visits/12/${id}.jpg`, `remediation/1/${id}.jpg`];
    for (const [index, key] of keys.entries()) await store.put(key, new Uint8Array([0xff, 0xd8, 0xff, index]));
    for (const [index, key] of keys.entries()) expect([...((await store.get(key)) ?? [])], key).toEqual([0xff, 0xd8, 0xff, index]);
    // In the bucket the objects are under the prefix, and only there.
    expect([...((await bare.get(`giam-sat/${keys[1]}`)) ?? [])]).toEqual([0xff, 0xd8, 0xff, 1]);
    expect(await bare.get(keys[1])).toBeNull();
  });

  it("stores the content type of the key's extension", async () => {
    const id = randomUUID();
    const cases = [
      [`visits/2/${id}.jpg`, "image/jpeg"],
      [`visits/2/${id}.png`, "image/png"],
      [`visits/2/${id}.webp`, "image/webp"],
      [`remediation/2/${id}.pdf`, "application/pdf"],
    ];
    for (const [key, contentType] of cases) {
      await store.put(key, new Uint8Array([1, 2, 3]));
      const url = store.objectUrl(key);
      const { headers } = signV4({ method: "GET", url, payloadHash: EMPTY_PAYLOAD_HASH }, { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, region: "ap-southeast-1" });
      delete headers.host;
      const response = await fetch(url, { headers });
      expect(response.status, key).toBe(200);
      expect(response.headers.get("content-type"), key).toBe(contentType);
      await response.arrayBuffer();
    }
  });

  it("a wrong secret is refused: nothing is written, nothing is read", async () => {
    const key = `visits/3/${randomUUID()}.jpg`;
    const wrong = s3({ S3_SECRET_ACCESS_KEY: `${SECRET}x` });
    const refused = await rejection(wrong.put(key, binaryPhoto(1_000)));
    expect(refused).toMatchObject({ status: 403, code: "SignatureDoesNotMatch" });
    expect(refused.message).toMatch(/^S3 PUT hdnd-test\/giam-sat\/visits\/3\/.+\.jpg failed: 403 SignatureDoesNotMatch/);
    expect(refused.message).not.toContain(SECRET);
    expect(await store.get(key)).toBeNull();

    await store.put(key, binaryPhoto(1_000));
    expect(await rejection(wrong.get(key))).toMatchObject({ status: 403, code: "SignatureDoesNotMatch" });
    expect(await rejection(wrong.delete(key))).toMatchObject({ status: 403 });
    expect(await store.get(key)).not.toBeNull();
    expect(await rejection(s3({ S3_ACCESS_KEY_ID: "nobody" }).put(key, new Uint8Array([1])))).toMatchObject({ status: 403, code: "InvalidAccessKeyId" });
  });

  it("a missing bucket or an unreachable server is an error, never a missing file", async () => {
    const noBucket = await rejection(s3({ S3_BUCKET: "no-such-bucket" }).get("visits/1/a.jpg"));
    expect(noBucket).toMatchObject({ status: 404, code: "NoSuchBucket" });
    const closed = createServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, "127.0.0.1", () => resolve((closed.address() as AddressInfo).port)));
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await rejection(s3({ S3_ENDPOINT: `http://127.0.0.1:${port}` }).get("visits/1/a.jpg"));
    expect(unreachable.status).toBe(0);
    expect(unreachable.message).toMatch(new RegExp(`^S3 GET hdnd-test/giam-sat/visits/1/a\\.jpg failed: no answer from http://127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED`));
  });

  it("refuses a key the app would never make, before any request", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    try {
      for (const key of ["../outside.jpg", "visits/../../x.jpg", "visits//1.jpg", "Visits/1.jpg"]) {
        await expect(store.put(key, new Uint8Array([1]))).rejects.toThrow(`invalid storage key: ${key}`);
        await expect(store.get(key)).rejects.toThrow("invalid storage key");
      }
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });
});

describe("the app with ATTACHMENT_STORE=s3", () => {
  let handle: DatabaseHandle;
  let localDir: string;
  const cookie: Record<string, string> = {};
  const localWrites = vi.spyOn(LocalDiskStore.prototype, "put");
  const localReads = vi.spyOn(LocalDiskStore.prototype, "get");

  /** The download route as a browser gets it: status, headers and the body's bytes. */
  async function download(attachmentId: number, who: string) {
    const request = new Request(`http://localhost:3000/attachments/${attachmentId}`, { headers: { Cookie: cookie[who] } });
    let response: Response;
    try {
      response = await attachmentRoute.loader({ request, params: { attachmentId: String(attachmentId) }, context: {} });
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      response = thrown;
    }
    return { status: response.status, contentType: response.headers.get("Content-Type"), bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  beforeAll(async () => {
    localDir = path.join(mkdtempSync(path.join(tmpdir(), "hdnd-local-")), "attachments");
    process.env.ATTACHMENTS_DIR = localDir;
    // Made from the configuration, as attachmentStore() makes it in production.
    const configured = storeFromEnv({ ...env, ATTACHMENTS_DIR: localDir });
    expect(configured).toBeInstanceOf(S3Store);
    setAttachmentStoreForTests(configured);
    handle = await freshDatabase();
    await ensureDemoData(handle.db);
    for (const who of ["nhung.vt", "an.bd", "ubnd.binhan", "trang.ttt", "tt.dian"]) cookie[who] = await signIn(who, DEMO_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
    rmSync(path.dirname(localDir), { recursive: true, force: true });
  });

  it("a visit photo goes to the bucket and comes back through the download route", async () => {
    const [visit] = await handle.db
      .select({ id: visits.id })
      .from(visits)
      .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
      .where(eq(supervisionPlans.subject, "Giám sát việc thực hiện kiến nghị sau giám sát và hoạt động của Trung tâm Phục vụ hành chính công phường"));
    const clientId = randomUUID();
    const photo = binaryPhoto();
    const form = new FormData();
    form.set("clientId", clientId);
    form.set("itemId", "");
    form.set("photo", new File([new Uint8Array(photo)], "bảng niêm yết.jpg", { type: "image/jpeg" }));
    const sent = await send(photosRoute, { path: `/visits/${visit.id}/photos`, params: { visitId: String(visit.id) }, cookie: cookie["nhung.vt"], body: form });
    expect(sent.status).toBe(201);
    const { photo: stored } = JSON.parse(sent.data as string) as { photo: { id: number } };

    const [row] = await handle.db.select().from(attachments).where(eq(attachments.id, stored.id));
    expect(row.storageKey).toBe(`visits/${visit.id}/${clientId}.jpg`);
    expect(same(await bare.get(`giam-sat/${row.storageKey}`), photo)).toBe(true);

    const seen = await download(stored.id, "an.bd");
    expect(seen).toMatchObject({ status: 200, contentType: "image/jpeg" });
    expect(same(seen.bytes, photo)).toBe(true);
    // Authorisation still holds: the bytes are reachable only through the app.
    expect((await download(stored.id, "tt.dian")).status).toBe(403);

    // Gone from the bucket: the app answers as for a file that does not exist.
    await bare.delete(`giam-sat/${row.storageKey}`);
    expect((await download(stored.id, "an.bd")).status).toBe(403);
  });

  it("a remediation report's PDF goes to the bucket and the committee downloads the same bytes", async () => {
    const [target] = await handle.db
      .select({ id: recommendations.id })
      .from(recommendations)
      .innerJoin(units, eq(units.id, recommendations.addressedUnitId))
      .where(and(eq(units.name, "UBND phường Bình An"), sql`${recommendations.noticeId} is not null and ${recommendations.status} <> 'accepted'`))
      .orderBy(recommendations.id)
      .limit(1);
    const pdf = new Uint8Array([...new TextEncoder().encode("%PDF-1.7\n"), ...randomBytes(50_000), ...new TextEncoder().encode("\n%%EOF")]);
    const body = new FormData();
    for (const [name, value] of Object.entries({ intent: "report", progress: "completed", content: "Đã niêm yết lại đầy đủ thủ tục hành chính." })) body.append(name, value);
    body.append("files", new File([pdf], "biên bản.pdf", { type: "application/pdf" }));
    const sent = await send(recommendationRoute, { path: `/recommendations/${target.id}`, params: { recommendationId: String(target.id) }, cookie: cookie["ubnd.binhan"], body });
    expect(sent.status).toBe(200);

    const [row] = await handle.db
      .select({ id: attachments.id, storageKey: attachments.storageKey })
      .from(attachments)
      .innerJoin(remediationReports, eq(remediationReports.id, attachments.remediationReportId))
      .where(eq(remediationReports.recommendationId, target.id));
    expect(row.storageKey).toMatch(new RegExp(`^remediation/${target.id}/[0-9a-f-]{36}\\.pdf$`));
    const seen = await download(row.id, "trang.ttt");
    expect(seen).toMatchObject({ status: 200, contentType: "application/pdf" });
    expect(same(seen.bytes, pdf)).toBe(true);
  });

  it("nothing touched the local attachments directory", () => {
    expect(localWrites).not.toHaveBeenCalled();
    expect(localReads).not.toHaveBeenCalled();
    expect(existsSync(localDir)).toBe(false);
  });
});
