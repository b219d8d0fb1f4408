// The shortest QR bit stream for a label link: which runs go in numeric, alphanumeric or byte mode, and
// the smallest version at ECC M that holds them. The qrcode package finds the same optimum with a
// Dijkstra search over a graph it builds per call, which took 40 % of its time for our links; this is the
// linear dynamic programme of ISO/IEC 18004 Annex J's problem (as in Nayuki's QR Code generator), for the
// three modes a link can use. Costs count sixths of a bit, so alphanumeric (5.5 bits a character) and
// numeric (3⅓) stay whole numbers until a segment ends. It finds a shorter stream than qrcode's search for
// about 1 % of label links (one version smaller); never a longer one (tests/api/labels/qr-symbol.test.ts).

import type { QRCodeSegment } from 'qrcode'

const MODES = ['numeric', 'alphanumeric', 'byte'] as const
const [NUMERIC, ALPHANUMERIC, BYTE] = [0, 1, 2]
// Character-count indicator widths (ISO/IEC 18004 Table 3), by mode, for versions 1–9 and 10–26.
const COUNT_BITS = [
  [10, 9, 8],
  [12, 11, 16],
] as const
// Data codewords at ECC M, versions 1–10 (ISO/IEC 18004 Table 7); index 0 unused.
const DATA_CODEWORDS_M = [0, 16, 28, 44, 64, 86, 108, 124, 154, 182, 216]
const IN_ALPHANUMERIC = new Uint8Array(128)
for (const ch of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:') IN_ALPHANUMERIC[ch.charCodeAt(0)] = 1

/**
 * The segments and version (≤ 10) for `text` at ECC M; null when it needs a larger symbol, and for text
 * that is not ASCII (signed links never are; qrcode's own search handles anything else).
 */
export function planQrSegments(text: string): { segments: QRCodeSegment[]; version: number } | null {
  if (text.length === 0) return null
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return null
  for (const [klass, first, last] of [
    [0, 1, 9],
    [1, 10, 10],
  ] as const) {
    const { modes, bits } = optimalModes(text, klass)
    for (let v = first; v <= last; v++) {
      if (bits <= DATA_CODEWORDS_M[v]! * 8) return { segments: toSegments(text, modes), version: v }
    }
  }
  return null
}

/** Each character's mode on the cheapest encoding, and that encoding's length in bits. */
function optimalModes(text: string, klass: 0 | 1): { modes: Uint8Array; bits: number } {
  const n = text.length
  const head = COUNT_BITS[klass].map((count) => (4 + count) * 6)
  // via[3i + m]: the mode character i is encoded in, on the cheapest path that is in mode m after it.
  const via = new Uint8Array(3 * n)
  const cost = Float64Array.from(head)
  const encoded = new Float64Array(3)
  const closed = new Float64Array(3)
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    encoded[NUMERIC] = c >= 48 && c <= 57 ? cost[NUMERIC]! + 20 : Number.POSITIVE_INFINITY
    encoded[ALPHANUMERIC] = IN_ALPHANUMERIC[c] ? cost[ALPHANUMERIC]! + 33 : Number.POSITIVE_INFINITY
    encoded[BYTE] = cost[BYTE]! + 48
    // Staying in a mode, or ending its segment here (rounded up to whole bits) and opening another.
    for (let m = 0; m < 3; m++) closed[m] = Math.ceil(encoded[m]! / 6) * 6
    for (let to = 0; to < 3; to++) {
      let best = encoded[to]!
      let from = to
      for (let m = 0; m < 3; m++) {
        const switched = closed[m]! + head[to]!
        if (switched < best) {
          best = switched
          from = m
        }
      }
      cost[to] = best
      via[3 * i + to] = from
    }
  }
  let mode = BYTE
  for (const m of [NUMERIC, ALPHANUMERIC]) if (Math.ceil(cost[m]! / 6) < Math.ceil(cost[mode]! / 6)) mode = m
  const bits = Math.ceil(cost[mode]! / 6)
  const modes = new Uint8Array(n)
  for (let i = n - 1; i >= 0; i--) {
    mode = via[3 * i + mode]!
    modes[i] = mode
  }
  return { modes, bits }
}

function toSegments(text: string, modes: Uint8Array): QRCodeSegment[] {
  const segments: QRCodeSegment[] = []
  let start = 0
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && modes[i] === modes[start]) continue
    const data = text.slice(start, i)
    const mode = MODES[modes[start]!]!
    // qrcode takes byte-mode data as bytes; for ASCII they are the characters' codes.
    segments.push(mode === 'byte' ? { mode, data: Buffer.from(data, 'latin1') } : { mode, data })
    start = i
  }
  return segments
}
