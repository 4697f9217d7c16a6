/**
 * A small seeded pseudo-random generator (mulberry32) and the draws the generator needs. Every
 * commune gets its own stream, seeded from the run's seed and the commune's key, so the data of one
 * commune does not depend on how many came before it and two runs give the same rows.
 */

/** FNV-1a over the UTF-16 code units, then a final avalanche: a 32-bit seed from any string. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export class Rng {
  // sfc32: 128 bits of state, so the streams of thousands of communes do not run into each other
  // (a 32-bit generator's streams are windows on one cycle of 2^32 and overlap at this scale).
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    const text = typeof seed === "string" ? seed : `#${seed >>> 0}`;
    this.a = hashSeed(`${text}\u0001`);
    this.b = hashSeed(`${text}\u0002`);
    this.c = hashSeed(`${text}\u0003`);
    this.d = hashSeed(`${text}\u0004`);
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The next 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) + t;
    this.c |= 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the values, with the given relative weights. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let r = this.next() * total;
    for (const [value, weight] of choices) {
      r -= weight;
      if (r < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** `count` distinct items, in the order drawn. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < count && pool.length > 0; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }

  /** `bytes` random bytes as lower-case hex. */
  hex(bytes: number): string {
    let out = "";
    for (let i = 0; i < bytes; i += 4) {
      const n = this.uint32();
      out += HEX[n & 255] + HEX[(n >>> 8) & 255] + HEX[(n >>> 16) & 255] + HEX[n >>> 24];
    }
    return out.slice(0, bytes * 2);
  }

  /** A version-4-shaped UUID whose last 12 hex digits are `id`: unique whenever the ids are. */
  uuidFor(id: number): string {
    return `${this.uuid().slice(0, 24)}${id.toString(16).padStart(12, "0")}`;
  }

  /** A version-4-shaped UUID drawn from this stream (so it is reproducible). */
  uuid(): string {
    const h = this.hex(16);
    const variant = "89ab"[parseInt(h[16], 16) & 3];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
