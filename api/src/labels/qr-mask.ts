// Data-mask selection for label QR symbols, the same choice the qrcode package makes, ten times faster.
// An encoder must try all eight masks and keep the one with the lowest penalty (ISO/IEC 18004 §7.8.3:
// runs of one colour, 2×2 blocks, finder-like 1:1:3:1:1 patterns, dark/light balance), and qrcode does
// that module by module through function calls: 90 % of its time for a version-9 label. Here every row and
// column is held as machine words and each penalty feature is a few shifts and ANDs across 32 modules at
// once. The scores are qrcode's own (lib/core/mask-pattern.js), ties go to the lower mask as there, and
// tests/api/labels/qr-symbol.test.ts checks symbol for symbol that the result is identical.
//
// A line (row or column, at most 64 modules) is kept as three overlapping words starting at modules 0, 16
// and 32, so that any window of up to 11 modules lies whole inside one of them; each window start is
// counted in exactly one word (the r2/r5/r11 ranges).
import QRCode, { type BitMatrix } from 'qrcode'

type Matrix = Pick<BitMatrix, 'size' | 'data' | 'reservedBit'>

interface Tables {
  size: number
  reserved: Uint8Array
  /** Per mask p: (mask 0 XOR mask p) on data modules — turns a mask-0 symbol into a mask-p one. */
  xor: Uint8Array[]
  /** Per mask p: the function patterns and the format information written for p. */
  overlay: Uint8Array[]
  xorLines: Int32Array[]
  overlayLines: Int32Array[]
  /** Data modules (not reserved), as line words. */
  keep: Int32Array
  valid: [number, number, number]
  /** Window starts counted in each of the three words, for windows of 2, 5 and 11 modules. */
  r2: [number, number, number]
  r5: [number, number, number]
  r11: [number, number, number]
}

const MASKS = 8
const BASES = [0, 16, 32] as const
const tablesByVersion = new Map<number, Tables>()

/** Mask p at (row i, column j), ISO/IEC 18004 Table 10, as written in qrcode's getMaskAt. */
function maskAt(p: number, i: number, j: number): boolean {
  switch (p) {
    case 0:
      return (i + j) % 2 === 0
    case 1:
      return i % 2 === 0
    case 2:
      return j % 3 === 0
    case 3:
      return (i + j) % 3 === 0
    case 4:
      return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0
    case 5:
      return ((i * j) % 2) + ((i * j) % 3) === 0
    case 6:
      return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0
    default:
      return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0
  }
}

/**
 * Line words of a size×size byte matrix: row r at [6r, 6r+3) as the words starting at modules 0, 16 and
 * 32; column c likewise at [6c+3, 6c+6). Row n and column n share a slot, so one array holds both.
 */
function toLines(bytes: Uint8Array, size: number): Int32Array {
  const lines = new Int32Array(size * 6)
  for (let r = 0; r < size; r++) {
    const row = r * size
    const column = 3 + (r >> 5) * 2
    const bit = 1 << (r & 31)
    let lo = 0
    let hi = 0
    for (let c = 0; c < size; c++) {
      if (!bytes[row + c]) continue
      if (c < 32) lo |= 1 << c
      else hi |= 1 << (c - 32)
      lines[6 * c + column]! |= bit
    }
    lines[6 * r] = lo
    lines[6 * r + 2] = hi
  }
  // The middle word from the outer two: modules 16–31 of the first, 32–47 of the third.
  for (let k = 0; k < lines.length; k += 3) lines[k + 1] = (lines[k]! >>> 16) | (lines[k + 2]! << 16)
  return lines
}

function tablesFor(version: number, matrix: Matrix): Tables {
  const cached = tablesByVersion.get(version)
  if (cached) return cached
  const { size, reservedBit: reserved } = matrix
  const xor: Uint8Array[] = []
  const overlay: Uint8Array[] = []
  for (let p = 0; p < MASKS; p++) {
    const x = new Uint8Array(size * size)
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const k = i * size + j
        x[k] = !reserved[k] && maskAt(0, i, j) !== maskAt(p, i, j) ? 1 : 0
      }
    }
    xor.push(x)
    // Function patterns depend on the version only; the format information also on the mask.
    const probe = QRCode.create('0', { version, errorCorrectionLevel: 'M', maskPattern: p as 0 }).modules
    overlay.push(probe.data.map((v, k) => (reserved[k] ? v : 0)))
  }
  const span = (from: number, to: number, base: number) => {
    let bits = 0
    for (let s = Math.max(from, base); s <= Math.min(to, base + 31); s++) bits |= 1 << (s - base)
    return bits
  }
  const ranges = (len: number): [number, number, number] => [
    span(0, 32 - len, 0),
    span(33 - len, 48 - len, 16),
    span(49 - len, size - len, 32),
  ]
  const tables: Tables = {
    size,
    reserved,
    xor,
    overlay,
    xorLines: xor.map((x) => toLines(x, size)),
    overlayLines: overlay.map((o) => toLines(o, size)),
    keep: toLines(
      reserved.map((r) => (r ? 0 : 1)),
      size,
    ),
    valid: BASES.map((b) => span(0, size - 1, b)) as [number, number, number],
    r2: ranges(2),
    r5: ranges(5),
    r11: ranges(11),
  }
  tablesByVersion.set(version, tables)
  return tables
}

/** The mask qrcode would choose for this symbol, and the symbol's modules under it. */
export function bestMasked(version: number, maskZero: Matrix): { mask: number; modules: Uint8Array } {
  const t = tablesFor(version, maskZero)
  const base = toLines(maskZero.data, t.size)
  for (let i = 0; i < base.length; i++) base[i]! &= t.keep[i]!
  const lines = new Int32Array(base.length)
  let best = 0
  let lowest = Number.POSITIVE_INFINITY
  for (let p = 0; p < MASKS; p++) {
    const x = t.xorLines[p]!
    const o = t.overlayLines[p]!
    for (let i = 0; i < lines.length; i++) lines[i] = (base[i]! ^ x[i]!) | o[i]!
    const penalty = penaltyOf(lines, t)
    if (penalty < lowest) {
      lowest = penalty
      best = p
    }
  }
  const modules = new Uint8Array(maskZero.data.length)
  const x = t.xor[best]!
  const o = t.overlay[best]!
  for (let k = 0; k < modules.length; k++) modules[k] = t.reserved[k] ? o[k]! : maskZero.data[k]! ^ x[k]!
  return { mask: best, modules }
}

function penaltyOf(lines: Int32Array, t: Tables): number {
  const { size } = t
  const [v0, v1, v2] = t.valid
  const [r2a, r2b, r2c] = t.r2
  let score = 0
  let dark = 0
  for (let n = 0; n < size; n++) {
    const k = 6 * n
    const a = lines[k]!
    const b = lines[k + 1]!
    const c = lines[k + 2]!
    score += linePenalty(a, b, c, t) + linePenalty(lines[k + 3]!, lines[k + 4]!, lines[k + 5]!, t)
    dark += popcount(a) + popcount(c)
    if (n + 1 < size) {
      // N2: 2×2 blocks of one colour between this row and the next, 3 points each.
      score +=
        3 *
        (blocks(a, lines[k + 6]!, v0, r2a) +
          blocks(b, lines[k + 7]!, v1, r2b) +
          blocks(c, lines[k + 8]!, v2, r2c))
    }
  }
  // N4: 10 points for every 5 % the dark share strays from 50 %, rounded as qrcode rounds it.
  score += 10 * Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10)
  return score
}

function blocks(x: number, y: number, valid: number, starts: number): number {
  const lx = ~x & valid
  const ly = ~y & valid
  return popcount(((x & (x >>> 1) & y & (y >>> 1)) | (lx & (lx >>> 1) & ly & (ly >>> 1))) & starts)
}

function linePenalty(a: number, b: number, c: number, t: Tables): number {
  return (
    wordPenalty(a, t.valid[0], t.r5[0], t.r11[0]) +
    wordPenalty(b, t.valid[1], t.r5[1], t.r11[1]) +
    wordPenalty(c, t.valid[2], t.r5[2], t.r11[2])
  )
}

/** N1 (runs of five or more of one colour: length − 2 points) and N3 (finder-like patterns: 40). */
function wordPenalty(x: number, valid: number, r5: number, r11: number): number {
  const l = ~x & valid
  const five =
    (x & (x >>> 1) & (x >>> 2) & (x >>> 3) & (x >>> 4)) | (l & (l >>> 1) & (l >>> 2) & (l >>> 3) & (l >>> 4))
  // Each run of length L ≥ 5 has L − 4 five-module windows; +2 at its first window makes L − 2.
  const score = popcount(five & r5) + 2 * popcount(five & ~(five << 1) & r5)
  const core = x & (l >>> 1) & (x >>> 2) & (x >>> 3) & (x >>> 4) & (l >>> 5) & (x >>> 6)
  if (core === 0) return score
  // 1011101 followed by 0000, or preceded by it (qrcode's 0x5D0 and 0x05D).
  const light4 = l & (l >>> 1) & (l >>> 2) & (l >>> 3)
  return score + 40 * popcount(((core & (light4 >>> 7)) | (light4 & (core >>> 4))) & r11)
}

function popcount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555)
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  x = (x + (x >>> 4)) & 0x0f0f0f0f
  return Math.imul(x, 0x01010101) >>> 24
}
