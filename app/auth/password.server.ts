import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * scrypt from Node's own crypto: no native add-on to build. The parameters travel inside the hash
 * ("scrypt$N$r$p$salt$hash"), so they can be raised later without breaking stored passwords.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { N: n, r, p, maxmem: 256 * n * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ["scrypt", N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const powerOfTwo = Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;
  if (!powerOfTwo || n > 2 ** 20 || ![r, p].every((x) => Number.isInteger(x) && x > 0 && x <= 16)) return false;
  const expected = Buffer.from(parts[5], "base64url");
  try {
    const actual = await derive(password, Buffer.from(parts[4], "base64url"), n, r, p);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  } catch {
    return false; // a damaged stored hash refuses the password; it never breaks the sign-in page
  }
}

/** A hash of nothing anyone knows, checked when the user name does not exist, to even out timing. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString("hex"));
  return decoy;
}

export const PASSWORD_MIN_LENGTH = 8;
