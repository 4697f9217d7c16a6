import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.server";

const PASSWORD = "Giám sát HĐND 2024";

describe("hashPassword", () => {
  it("writes scrypt$N$r$p$salt$hash with the parameters in use and base64url salt and key", async () => {
    const hash = await hashPassword(PASSWORD);
    const parts = hash.split("$");
    expect(parts).toHaveLength(6);
    const [scheme, n, r, p, salt, key] = parts;
    expect(scheme).toBe("scrypt");
    expect([Number(n), Number(r), Number(p)]).toEqual([2 ** 15, 8, 1]);
    expect(salt).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(salt, "base64url")).toHaveLength(16);
    expect(Buffer.from(key, "base64url")).toHaveLength(32);
    expect(hash).not.toContain(PASSWORD);
  });

  it("salts: two hashes of the same password differ, and both verify", async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(PASSWORD, b)).toBe(true);
  });
});

describe("verifyPassword", () => {
  it("refuses another password", async () => {
    const hash = await hashPassword(PASSWORD);
    expect(await verifyPassword("Giam sat HDND 2024", hash)).toBe(false);
    expect(await verifyPassword(`${PASSWORD} `, hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("compares NFC forms: a decomposed password matches its composed hash and the reverse", async () => {
    const decomposed = PASSWORD.normalize("NFD");
    expect(decomposed).not.toBe(PASSWORD);
    expect(await verifyPassword(decomposed, await hashPassword(PASSWORD))).toBe(true);
    expect(await verifyPassword(PASSWORD, await hashPassword(decomposed))).toBe(true);
  });

  it("reads the parameters from the stored hash, so they can be raised later", async () => {
    const hash = await hashPassword(PASSWORD);
    const [, , r, p, salt] = hash.split("$");
    // A hash made with cheaper parameters (N = 2^10) still verifies against its own parameters.
    const { scryptSync } = await import("node:crypto");
    const cheapKey = scryptSync(PASSWORD, Buffer.from(salt, "base64url"), 32, { N: 2 ** 10, r: Number(r), p: Number(p) });
    const cheap = ["scrypt", 2 ** 10, r, p, salt, cheapKey.toString("base64url")].join("$");
    expect(await verifyPassword(PASSWORD, cheap)).toBe(true);
    expect(await verifyPassword("khác", cheap)).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["another scheme", "bcrypt$2b$10$abc"],
    ["too few parts", "scrypt$32768$8$1$c2FsdA"],
    ["non-numeric cost", "scrypt$x$8$1$c2FsdA$a2V5"],
    ["zero cost", "scrypt$0$8$1$c2FsdA$a2V5"],
    ["cost beyond 2^20", `scrypt$${2 ** 21}$8$1$c2FsdA$a2V5`],
    ["cost not a power of two", "scrypt$3$8$1$c2FsdA$a2V5"],
    ["block size out of range", "scrypt$1024$4096$1$c2FsdA$a2V5"],
  ])("answers false, without throwing, for a malformed hash (%s)", async (_label, stored) => {
    expect(await verifyPassword(PASSWORD, stored)).toBe(false);
  });
});
