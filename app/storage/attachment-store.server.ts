import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Where attachment bytes live. The database keeps the metadata and a storage key; the bytes go to
 * a store behind this interface: the local disk by default, object storage later (docs/scaling.md).
 */
export interface AttachmentStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9/_-]{0,200}\.[a-z0-9]{1,8}$/;

/** Keys are made by the app, never from user input; this refuses anything that could leave the root. */
function assertKey(key: string) {
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

export function attachmentStore(): AttachmentStore {
  state.__hdndAttachmentStore ??= new LocalDiskStore(path.resolve(process.env.ATTACHMENTS_DIR ?? "data/attachments"));
  return state.__hdndAttachmentStore;
}

export function setAttachmentStoreForTests(store: AttachmentStore) {
  state.__hdndAttachmentStore = store;
}
