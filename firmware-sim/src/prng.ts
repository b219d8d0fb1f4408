// A tiny seeded PRNG so a simulator run can be replayed exactly: same seed, same packs.

/** mulberry32: 32-bit state, good enough statistics for sensor noise, trivially reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Derives an independent 32-bit seed per stream (FNV-1a), so adding a probe never shifts another's noise. */
export function deriveSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0)!
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** Standard normal deviate (Box–Muller). */
export function gaussian(rand: () => number): number {
  const u = 1 - rand() // in (0, 1], so the log is finite
  const v = rand()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}
