import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Environment, S3Store, StorageConfigError, s3SettingsFromEnv } from "./s3-store.server";

/**
 * Where attachment bytes live. The database keeps the metadata and a storage key; the bytes go to
 * a store behind this interface: the local disk by default, an S3-compatible bucket with
 * ATTACHMENT_STORE=s3 (docs/decisions/011-attachment-storage.md).
 */
export interface AttachmentStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9/_-]{0,200}\.[a-z0-9]{1,8}$/;

/** Keys are made by the app, never from user input; this refuses anything that could leave the root. */
export function assertKey(key: string) {
  if (!KEY.test(key) || key.includes("..") || key.includes("//")) throw new Error(`invalid storage key: ${key}`);
}

export class LocalDiskStore implements AttachmentStore {
  constructor(private readonly root: string) {}

  private file(key: string) {
    assertKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, bytes: Uint8Array) {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Write then rename, so a crash never leaves half a photo under the final name.
    const temporary = `${target}.${process.pid}.${Date.now()}.part`;
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  }

  async get(key: string) {
    try {
      return new Uint8Array(await readFile(this.file(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async delete(key: string) {
    await rm(this.file(key), { force: true });
  }
}

const state = globalThis as typeof globalThis & { __hdndAttachmentStore?: AttachmentStore };

/**
 * The store the configuration asks for: ATTACHMENT_STORE=local (the default: ATTACHMENTS_DIR) or
 * s3 (the S3_* variables). Wrong settings throw a StorageConfigError naming the variable.
 */
export function storeFromEnv(env: Environment = process.env): AttachmentStore {
  const kind = env.ATTACHMENT_STORE?.trim().toLowerCase() || "local";
  if (kind === "local") return new LocalDiskStore(path.resolve(env.ATTACHMENTS_DIR ?? "data/attachments"));
  if (kind === "s3") return new S3Store(s3SettingsFromEnv(env));
  throw new StorageConfigError(`ATTACHMENT_STORE must be "local" or "s3" (got "${env.ATTACHMENT_STORE}").`);
}

/**
 * The process's store, made from the configuration on first use. Settings that cannot work fail
 * there, every time, with the operator's message in the log (the user sees the usual error page);
 * nothing is kept until they are fixed.
 */
export function attachmentStore(): AttachmentStore {
  state.__hdndAttachmentStore ??= storeFromEnv();
  return state.__hdndAttachmentStore;
}

export function setAttachmentStoreForTests(store: AttachmentStore) {
  state.__hdndAttachmentStore = store;
}
