/**
 * The S3 store's pure parts: the SigV4 signer against the examples AWS publishes for S3 (the
 * signatures are AWS's, not computed here), the configuration and its messages for the operator,
 * object addresses and content types. The store against a real S3 server that checks signatures
 * is tests/integration/s3-store.test.ts.
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LocalDiskStore, attachmentStore, storeFromEnv } from "./attachment-store.server";
import { EMPTY_PAYLOAD_HASH, type Environment, S3Store, StorageConfigError, contentTypeOfKey, s3SettingsFromEnv, signV4 } from "./s3-store.server";

// docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, "Examples".
const EXAMPLE_KEYS = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1" };
const EXAMPLE_TIME = new Date("2013-05-24T00:00:00Z");
const signatureOf = (authorization: string) => /Signature=([0-9a-f]{64})$/.exec(authorization)?.[1];

describe("SigV4 signing, against AWS's published S3 examples", () => {
  it("GET Object (the first 10 bytes of test.txt): canonical request, string to sign and signature", () => {
    const signed = signV4(
      { method: "GET", url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"), headers: { Range: "bytes=0-9" }, payloadHash: EMPTY_PAYLOAD_HASH },
      EXAMPLE_KEYS,
      EXAMPLE_TIME,
    );
    expect(EMPTY_PAYLOAD_HASH).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(signed.canonicalRequest).toBe(
      [
        "GET",
        "/test.txt",
        "",
        "host:examplebucket.s3.amazonaws.com",
        "range:bytes=0-9",
        "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-amz-date:20130524T000000Z",
        "",
        "host;range;x-amz-content-sha256;x-amz-date",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      ].join("\n"),
    );
    expect(signed.stringToSign).toBe(
      "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
    );
    expect(signed.headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request," +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date," +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
    expect(signed.headers).toMatchObject({ "x-amz-date": "20130524T000000Z", "x-amz-content-sha256": EMPTY_PAYLOAD_HASH, range: "bytes=0-9" });
  });

  it("PUT Object (test$file.text, with a Date and a storage class): the key's $ is encoded, the payload signed", () => {
    const payloadHash = createHash("sha256").update("Welcome to Amazon S3.").digest("hex");
    expect(payloadHash).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    const signed = signV4(
      {
        method: "PUT",
        url: new URL("https://examplebucket.s3.amazonaws.com/test$file.text"),
        headers: { Date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY" },
        payloadHash,
      },
      EXAMPLE_KEYS,
      EXAMPLE_TIME,
    );
    expect(signed.canonicalRequest.split("\n")[1]).toBe("/test%24file.text");
    expect(signed.headers.authorization).toContain("SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,");
    expect(signatureOf(signed.headers.authorization)).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  });

  it("GET Bucket Lifecycle and List Objects: a query without a value, and query parameters sorted", () => {
    const lifecycle = signV4({ method: "GET", url: new URL("https://examplebucket.s3.amazonaws.com/?lifecycle"), payloadHash: EMPTY_PAYLOAD_HASH }, EXAMPLE_KEYS, EXAMPLE_TIME);
    expect(lifecycle.canonicalRequest.split("\n")[2]).toBe("lifecycle=");
    expect(signatureOf(lifecycle.headers.authorization)).toBe("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    const list = signV4({ method: "GET", url: new URL("https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2"), payloadHash: EMPTY_PAYLOAD_HASH }, EXAMPLE_KEYS, EXAMPLE_TIME);
    expect(list.canonicalRequest.split("\n")[2]).toBe("max-keys=2&prefix=J");
    expect(signatureOf(list.headers.authorization)).toBe("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  });

  it("a different secret, region, day or key gives a different signature", () => {
    const request = { method: "GET", url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"), payloadHash: EMPTY_PAYLOAD_HASH };
    const base = signatureOf(signV4(request, EXAMPLE_KEYS, EXAMPLE_TIME).headers.authorization);
    const variants = [
      signV4(request, { ...EXAMPLE_KEYS, secretAccessKey: "x" }, EXAMPLE_TIME),
      signV4(request, { ...EXAMPLE_KEYS, region: "eu-west-1" }, EXAMPLE_TIME),
      signV4(request, EXAMPLE_KEYS, new Date("2013-05-25T00:00:00Z")),
      signV4({ ...request, url: new URL("https://examplebucket.s3.amazonaws.com/test2.txt") }, EXAMPLE_KEYS, EXAMPLE_TIME),
    ].map((signed) => signatureOf(signed.headers.authorization));
    expect(new Set([base, ...variants]).size).toBe(5);
  });
});

const GOOD_ENV = {
  ATTACHMENT_STORE: "s3",
  S3_ENDPOINT: "http://127.0.0.1:9000",
  S3_BUCKET: "hdnd-attachments",
  S3_ACCESS_KEY_ID: "minio-user",
  S3_SECRET_ACCESS_KEY: "very-secret-value",
  S3_FORCE_PATH_STYLE: "true",
};

function configError(env: Environment): string {
  try {
    storeFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(StorageConfigError);
    expect((error as Error).message).not.toContain("very-secret-value");
    return (error as Error).message;
  }
  throw new Error("the configuration was accepted");
}

describe("configuration", () => {
  it("the local disk is the default; ATTACHMENT_STORE=s3 makes an S3 store", () => {
    expect(storeFromEnv({})).toBeInstanceOf(LocalDiskStore);
    expect(storeFromEnv({ ATTACHMENT_STORE: "local" })).toBeInstanceOf(LocalDiskStore);
    expect(storeFromEnv(GOOD_ENV)).toBeInstanceOf(S3Store);
    expect(storeFromEnv({ ...GOOD_ENV, ATTACHMENT_STORE: " S3 " })).toBeInstanceOf(S3Store);
  });

  it("reads the defaults: region us-east-1, AWS's endpoint, virtual-hosted addresses, no prefix", () => {
    const settings = s3SettingsFromEnv({ S3_BUCKET: "hdnd-attachments", S3_ACCESS_KEY_ID: "id", S3_SECRET_ACCESS_KEY: "secret" });
    expect(settings).toMatchObject({ region: "us-east-1", forcePathStyle: false, prefix: "" });
    expect(settings.endpoint.href).toBe("https://s3.us-east-1.amazonaws.com/");
    expect(s3SettingsFromEnv({ ...GOOD_ENV, S3_REGION: "ap-southeast-1", S3_ENDPOINT: "" }).endpoint.href).toBe("https://s3.ap-southeast-1.amazonaws.com/");
    expect(s3SettingsFromEnv({ ...GOOD_ENV, S3_PREFIX: "/giam-sat/prod/" }).prefix).toBe("giam-sat/prod/");
    expect(s3SettingsFromEnv({ ...GOOD_ENV, S3_FORCE_PATH_STYLE: "1" }).forcePathStyle).toBe(true);
  });

  it("names the missing variable", () => {
    for (const name of ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"]) {
      expect(configError({ ...GOOD_ENV, [name]: undefined })).toMatch(new RegExp(`^ATTACHMENT_STORE=s3 needs ${name} \\(.+\\); it is not set\\.$`));
      expect(configError({ ...GOOD_ENV, [name]: "  " })).toContain(name);
    }
  });

  it("refuses values that cannot work, saying which and why", () => {
    expect(configError({ ...GOOD_ENV, ATTACHMENT_STORE: "ftp" })).toBe('ATTACHMENT_STORE must be "local" or "s3" (got "ftp").');
    expect(configError({ ...GOOD_ENV, S3_ENDPOINT: "minio:9000" })).toMatch(/^S3_ENDPOINT must start with http/);
    expect(configError({ ...GOOD_ENV, S3_ENDPOINT: "ftp://minio:21" })).toBe('S3_ENDPOINT must start with http:// or https:// (got "ftp://minio:21").');
    expect(configError({ ...GOOD_ENV, S3_ENDPOINT: "not a url" })).toMatch(/^S3_ENDPOINT must be a URL/);
    expect(configError({ ...GOOD_ENV, S3_ENDPOINT: "http://user:pw@minio:9000" })).toMatch(/^S3_ENDPOINT must be only scheme/);
    expect(configError({ ...GOOD_ENV, S3_FORCE_PATH_STYLE: "yes" })).toBe('S3_FORCE_PATH_STYLE must be true or false (got "yes").');
    expect(configError({ ...GOOD_ENV, S3_FORCE_PATH_STYLE: "false" })).toMatch(/^S3_ENDPOINT http:\/\/127\.0\.0\.1:9000 is an address.*S3_FORCE_PATH_STYLE=true\.$/);
    expect(configError({ ...GOOD_ENV, S3_BUCKET: "Hồ_Sơ" })).toMatch(/^S3_BUCKET must be a bucket name/);
    expect(configError({ ...GOOD_ENV, S3_REGION: "Hà Nội" })).toMatch(/^S3_REGION must look like/);
    expect(configError({ ...GOOD_ENV, S3_PREFIX: "a/../b" })).toMatch(/^S3_PREFIX may hold only/);
    expect(configError({ ...GOOD_ENV, S3_PREFIX: "ảnh" })).toMatch(/^S3_PREFIX may hold only/);
  });

  describe("in the running app", () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    });

    it("fails at first use, every time, until the configuration is fixed", () => {
      Object.assign(process.env, { ...GOOD_ENV, S3_BUCKET: "" });
      expect(() => attachmentStore()).toThrow("ATTACHMENT_STORE=s3 needs S3_BUCKET");
      expect(() => attachmentStore()).toThrow("ATTACHMENT_STORE=s3 needs S3_BUCKET");
      process.env.S3_BUCKET = "hdnd-attachments";
      const store = attachmentStore();
      expect(store).toBeInstanceOf(S3Store);
      expect(attachmentStore()).toBe(store);
    });
  });
});

describe("object addresses and types", () => {
  const store = (env: Environment) => new S3Store(s3SettingsFromEnv({ ...GOOD_ENV, ...env }));

  it("path style puts the bucket in the path; virtual-hosted in the host; the prefix goes before the key", () => {
    expect(store({}).objectUrl("visits/12/a1b2.jpg").href).toBe("http://127.0.0.1:9000/hdnd-attachments/visits/12/a1b2.jpg");
    expect(store({ S3_PREFIX: "giam-sat" }).objectUrl("visits/12/a1b2.jpg").href).toBe("http://127.0.0.1:9000/hdnd-attachments/giam-sat/visits/12/a1b2.jpg");
    expect(store({ S3_ENDPOINT: "https://s3.example.vn/storage/" }).objectUrl("remediation/3/x.pdf").href).toBe(
      "https://s3.example.vn/storage/hdnd-attachments/remediation/3/x.pdf",
    );
    expect(store({ S3_ENDPOINT: "", S3_FORCE_PATH_STYLE: "", S3_REGION: "ap-southeast-1" }).objectUrl("visits/1/a.png").href).toBe(
      "https://hdnd-attachments.s3.ap-southeast-1.amazonaws.com/visits/1/a.png",
    );
  });

  it("refuses a key the app would never make, before any request", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const s3 = store({});
    for (const key of ["../etc/passwd.jpg", "visits//1.jpg", "/visits/1.jpg", "visits/1/A.JPG", "visits/1/a b.jpg", "visits/1/no-extension", "visits/1/ảnh.jpg"]) {
      await expect(s3.put(key, new Uint8Array([1])), key).rejects.toThrow(`invalid storage key: ${key}`);
      await expect(s3.get(key), key).rejects.toThrow("invalid storage key");
      await expect(s3.delete(key), key).rejects.toThrow("invalid storage key");
    }
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it("sets the content type from the key's extension", () => {
    expect(contentTypeOfKey("visits/1/a.jpg")).toBe("image/jpeg");
    expect(contentTypeOfKey("visits/1/a.png")).toBe("image/png");
    expect(contentTypeOfKey("visits/1/a.webp")).toBe("image/webp");
    expect(contentTypeOfKey("remediation/1/a.pdf")).toBe("application/pdf");
    expect(contentTypeOfKey("exports/1/a.bin")).toBe("application/octet-stream");
  });
});
