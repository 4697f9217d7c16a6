import { createHash, createHmac } from "node:crypto";
import { isIP } from "node:net";
import { type AttachmentStore, assertKey } from "./attachment-store.server";

/**
 * Attachments in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, …), signed with AWS Signature
 * Version 4 on node:crypto and sent with fetch: three object calls need no SDK. The bucket stays
 * private and no URL of it is ever handed out: downloads go through the app, which checks who may
 * see the file (docs/decisions/011-attachment-storage.md).
 */

export type S3Settings = {
  /** Where the service answers: http://127.0.0.1:9000 for MinIO; https://s3.<region>.amazonaws.com for AWS. */
  endpoint: URL;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** https://host/bucket/key (MinIO, Ceph) rather than https://bucket.host/key (AWS). */
  forcePathStyle: boolean;
  /** Put before every key, "" or ending in "/": several apps or environments can share a bucket. */
  prefix: string;
  /** A request that takes longer is abandoned, so a hung service does not hold a request forever. */
  timeoutMs?: number;
};

// ---------------------------------------------------------------------------------------------
// Signature Version 4 (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html)

export const EMPTY_PAYLOAD_HASH = createHash("sha256").update("").digest("hex");

export type SigningKeys = { accessKeyId: string; secretAccessKey: string; region: string };
export type SignableRequest = { method: string; url: URL; headers?: Record<string, string>; payloadHash: string };
export type SignedRequest = { headers: Record<string, string>; canonicalRequest: string; stringToSign: string };

/** RFC 3986 percent-encoding, as SigV4 wants it: everything but A–Z a–z 0–9 - . _ ~ */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** S3 encodes each path segment once (other services encode twice). */
function canonicalPath(url: URL): string {
  return url.pathname.split("/").map((segment) => uriEncode(decodeURIComponent(segment))).join("/") || "/";
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** "20130524T000000Z" */
function amzDate(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * The headers to send: the caller's, plus host, x-amz-date, x-amz-content-sha256 and the
 * Authorization that signs all of them. The canonical request and the string to sign are returned
 * too, for tests against AWS's published examples.
 */
export function signV4(request: SignableRequest, keys: SigningKeys, now: Date = new Date()): SignedRequest {
  const timestamp = amzDate(now);
  const scope = `${timestamp.slice(0, 8)}/${keys.region}/s3/aws4_request`;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value.trim().replace(/\s+/g, " ");
  headers.host = request.url.host;
  headers["x-amz-content-sha256"] = request.payloadHash;
  headers["x-amz-date"] = timestamp;
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(request.url),
    canonicalQuery(request.url),
    names.map((name) => `${name}:${headers[name]}\n`).join(""),
    signedHeaders,
    request.payloadHash,
  ].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", timestamp, scope, sha256Hex(canonicalRequest)].join("\n");
  let key = hmac(`AWS4${keys.secretAccessKey}`, timestamp.slice(0, 8));
  for (const part of [keys.region, "s3", "aws4_request"]) key = hmac(key, part);
  const signature = createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${keys.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { headers, canonicalRequest, stringToSign };
}

// ---------------------------------------------------------------------------------------------
// Configuration

/** process.env, or any set of variables (tests). */
export type Environment = Record<string, string | undefined>;

/** Wrong or missing settings, for the operator: names the variable, never prints a secret. */
export class StorageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StorageConfigError";
  }
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

function required(env: Environment, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) throw new StorageConfigError(`ATTACHMENT_STORE=s3 needs ${name} (${what}); it is not set.`);
  return value;
}

/** S3 settings from S3_* variables (README, "Environment"); throws StorageConfigError when they cannot work. */
export function s3SettingsFromEnv(env: Environment = process.env): S3Settings {
  const region = env.S3_REGION?.trim() || "us-east-1";
  if (!/^[a-z0-9-]{1,40}$/.test(region)) throw new StorageConfigError(`S3_REGION must look like "us-east-1", not "${region}".`);
  const bucket = required(env, "S3_BUCKET", "the bucket's name");
  if (!BUCKET.test(bucket)) {
    throw new StorageConfigError(`S3_BUCKET must be a bucket name: 3 to 63 lowercase letters, digits, dots or hyphens (got "${bucket}").`);
  }
  const accessKeyId = required(env, "S3_ACCESS_KEY_ID", "the access key of the account that writes the bucket");
  const secretAccessKey = required(env, "S3_SECRET_ACCESS_KEY", "the secret of that access key");

  const rawEndpoint = env.S3_ENDPOINT?.trim() || `https://s3.${region}.amazonaws.com`;
  let endpoint: URL;
  try {
    endpoint = new URL(rawEndpoint);
  } catch {
    throw new StorageConfigError(`S3_ENDPOINT must be a URL such as http://127.0.0.1:9000 (got "${rawEndpoint}").`);
  }
  if (endpoint.protocol !== "http:" && endpoint.protocol !== "https:") {
    throw new StorageConfigError(`S3_ENDPOINT must start with http:// or https:// (got "${rawEndpoint}").`);
  }
  if (endpoint.username || endpoint.password || endpoint.search || endpoint.hash) {
    throw new StorageConfigError("S3_ENDPOINT must be only scheme, host, port and path: put the keys in S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY.");
  }

  const pathStyle = (env.S3_FORCE_PATH_STYLE ?? "").trim().toLowerCase();
  if (!["", "true", "false", "1", "0"].includes(pathStyle)) {
    throw new StorageConfigError(`S3_FORCE_PATH_STYLE must be true or false (got "${env.S3_FORCE_PATH_STYLE}").`);
  }
  const forcePathStyle = pathStyle === "true" || pathStyle === "1";
  const host = endpoint.hostname.replace(/^\[|\]$/g, "");
  if (!forcePathStyle && (isIP(host) !== 0 || host === "localhost")) {
    throw new StorageConfigError(
      `S3_ENDPOINT ${endpoint.origin} is an address, not a domain the bucket's name can go in front of: set S3_FORCE_PATH_STYLE=true.`,
    );
  }

  const rawPrefix = (env.S3_PREFIX ?? "").trim().replace(/^\/+|\/+$/g, "");
  if (rawPrefix && (!PREFIX.test(rawPrefix) || rawPrefix.split("/").some((part) => part === "." || part === ".."))) {
    throw new StorageConfigError(`S3_PREFIX may hold only letters, digits, ".", "_", "-" and "/" between them (got "${env.S3_PREFIX}").`);
  }
  return { endpoint, region, bucket, accessKeyId, secretAccessKey, forcePathStyle, prefix: rawPrefix ? `${rawPrefix}/` : "" };
}

// ---------------------------------------------------------------------------------------------
// The store

const CONTENT_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  pdf: "application/pdf",
};

/** The stored object's Content-Type, from the extension the app gave the key. */
export function contentTypeOfKey(key: string): string {
  return CONTENT_TYPES[key.slice(key.lastIndexOf(".") + 1).toLowerCase()] ?? "application/octet-stream";
}

/** A refusal from the service (status and S3 error code), or no answer at all (status 0). */
export class S3RequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = "S3RequestError";
  }
}

const xmlField = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? null;

export class S3Store implements AttachmentStore {
  constructor(private readonly settings: S3Settings) {}

  /** Where the object of an app key lives; the key is checked before anything is sent. */
  objectUrl(key: string): URL {
    assertKey(key);
    const { endpoint, bucket, forcePathStyle, prefix } = this.settings;
    const objectPath = `${prefix}${key}`.split("/").map(uriEncode).join("/");
    const base = endpoint.pathname.replace(/\/+$/, "");
    const url = new URL(endpoint.origin);
    if (forcePathStyle) {
      url.pathname = `${base}/${bucket}/${objectPath}`;
    } else {
      url.hostname = `${bucket}.${endpoint.hostname}`;
      url.pathname = `${base}/${objectPath}`;
    }
    return url;
  }

  private describe(method: string, key: string) {
    return `S3 ${method} ${this.settings.bucket}/${this.settings.prefix}${key}`;
  }

  private async send(method: "PUT" | "GET" | "DELETE", key: string, body?: Uint8Array): Promise<Response> {
    const url = this.objectUrl(key);
    const { headers } = signV4(
      { method, url, headers: body ? { "content-type": contentTypeOfKey(key) } : {}, payloadHash: body ? sha256Hex(body) : EMPTY_PAYLOAD_HASH },
      this.settings,
    );
    delete headers.host; // fetch sets it from the URL, to the same value
    try {
      // A copy typed as fetch wants it (TS 5.9); at most a photo's 8 MB.
      const payload = body ? new Uint8Array(body) : undefined;
      return await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(this.settings.timeoutMs ?? 30_000) });
    } catch (error) {
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new S3RequestError(`${this.describe(method, key)} failed: no answer from ${url.origin} (${reason}).`, 0, null);
    }
  }

  private async refusal(response: Response, method: string, key: string): Promise<S3RequestError> {
    const text = await response.text().catch(() => "");
    const code = xmlField(text, "Code");
    const detail = code ? `${code}: ${xmlField(text, "Message") ?? ""}` : response.statusText;
    return new S3RequestError(`${this.describe(method, key)} failed: ${response.status} ${detail}`.trim(), response.status, code);
  }

  async put(key: string, bytes: Uint8Array) {
    const response = await this.send("PUT", key, bytes);
    if (!response.ok) throw await this.refusal(response, "PUT", key);
    await response.arrayBuffer(); // let the connection go back to the pool
  }

  async get(key: string) {
    const response = await this.send("GET", key);
    if (response.ok) {
      try {
        return new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        throw new S3RequestError(`${this.describe("GET", key)} failed while reading the object (${(error as Error).message}).`, 0, null);
      }
    }
    const error = await this.refusal(response, "GET", key);
    // A missing object is null; a missing bucket is a misconfiguration, not an absent file.
    if (response.status === 404 && error.code !== "NoSuchBucket") return null;
    throw error;
  }

  async delete(key: string) {
    const response = await this.send("DELETE", key);
    if (response.ok) {
      await response.arrayBuffer();
      return;
    }
    const error = await this.refusal(response, "DELETE", key);
    if (response.status === 404 && error.code !== "NoSuchBucket") return; // already gone, as rm --force
    throw error;
  }
}
