// npm run bench:labels — issuing signed labels with their SVG QR symbol, compared in the same run with the
// bare signing rate. Labels: signedLabelUrl + labelQrSvg per fresh random serial, in memory (no disk, no
// database): the work behind every code the CLI and API print. Sign: signedLabelUrl alone.
// BENCH_LABELS sets how many of each (10,000 by default). Last line: RESULT labels_per_s=… sign_per_s=… ratio=…
import { generateKeyPairSync, randomInt } from 'node:crypto'
import { labelQrSvg, labelQrVersion } from '@zonetrace/api'
import { type Gs1Item, signedLabelUrl } from '@zonetrace/contracts'
import { round } from './bench-db.ts'

const N = Math.max(1, Number(process.env.BENCH_LABELS) || 10_000)
const WARM_UP = Math.min(N, 500)
const CHUNK = 500
// A resolver domain of typical length for a provincial service; the QR version depends on it.
const BASE = 'https://truyxuat.example.vn'
const GTIN = '8935049500018'
const LOT = 'CK2026-11'
// Crockford base32: upper case and digits only, so serials stay inside QR alphanumeric mode.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const { privateKey } = generateKeyPairSync('ed25519')

const items = (n: number): Gs1Item[] =>
  Array.from({ length: n }, () => ({
    gtin: GTIN,
    lot: LOT,
    serial: Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  }))

function signAll(batch: Gs1Item[]): number {
  let bytes = 0
  for (const item of batch) bytes += signedLabelUrl(BASE, item, privateKey).length
  return bytes
}

async function labelAll(batch: Gs1Item[]): Promise<number> {
  let bytes = 0
  for (const item of batch) bytes += (await labelQrSvg(signedLabelUrl(BASE, item, privateKey))).length
  return bytes
}

async function seconds(run: () => unknown): Promise<number> {
  const start = performance.now()
  await run()
  return (performance.now() - start) / 1000
}

const sample = signedLabelUrl(BASE, items(1)[0]!, privateKey)
console.log(
  `${N} labels per phase; link of ${sample.length} characters, QR version ${labelQrVersion(sample)} at ECC M`,
)
signAll(items(WARM_UP))
await labelAll(items(WARM_UP))

// The two phases alternate in chunks, so a change in machine load during the run weighs on both alike.
let signTime = 0
let labelTime = 0
for (let done = 0; done < N; done += CHUNK) {
  // Fresh serials for every chunk, drawn before the clock starts.
  const signBatch = items(Math.min(CHUNK, N - done))
  const labelBatch = items(signBatch.length)
  signTime += await seconds(() => signAll(signBatch))
  labelTime += await seconds(() => labelAll(labelBatch))
}
const signPerS = N / signTime
const labelsPerS = N / labelTime
console.log(`sign: ${round(signPerS)} links/s (${round(1e6 / signPerS)} µs each)`)
console.log(`labels: ${round(labelsPerS)} signed links with SVG QR/s (${round(1e6 / labelsPerS)} µs each)`)
console.log(
  `RESULT labels_per_s=${round(labelsPerS)} sign_per_s=${round(signPerS)} ratio=${round(labelsPerS / signPerS, 3)}`,
)
