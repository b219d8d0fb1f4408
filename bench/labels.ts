// npm run bench:labels
// 1. Print-ready sheets (the province-scale target): 10,000 labels issued for a lot in the bench's database
//    (serials, batch, signatures: issueLabels), then drawn into the A4 PDF sheets with their QR codes
//    (renderLabelPdf, the file the labels.pdf download and `zonetrace labels` give), end to end: pdf_10k_s.
//    Then the same 10,000 labels into the PDF again, the PDF step alone: pdf_only_10k_s.
// 2. As before, in memory: signedLabelUrl + labelQrSvg per fresh random serial, against signedLabelUrl alone
//    (BENCH_LABELS of each, 10,000 by default).
// Last line: RESULT labels_per_s=… sign_per_s=… ratio=… pdf_10k_s=… pdf_only_10k_s=… pdf_labels_per_s=…
import { generateKeyPairSync, randomInt } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { batchFaces, issueLabels, labelQrSvg, labelQrVersion, pdfTitle, renderLabelPdf } from '@zonetrace/api'
import { type Gs1Item, MAX_LABELS_PER_REQUEST, signedLabelUrl } from '@zonetrace/contracts'
import { openBenchDB, round } from './bench-db.ts'
import { benchOfficer, labelWorld } from './label-world.ts'

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

// 1. The PDF, end to end and alone. One batch of the most a request may issue: 10,000.
const PDF_LABELS = MAX_LABELS_PER_REQUEST
const bench = await openBenchDB()
const dataDir = await mkdtemp(join(tmpdir(), 'zt-bench-labels-'))
const { keyring } = await labelWorld(bench.db, dataDir, 'BENCH1')
// Warm-up on a small batch: fonts loaded, code paths compiled, as in a running API.
const warm = await issueLabels(bench.db, keyring, benchOfficer, { lotId: 'BENCH1', count: 50, baseUrl: BASE })
await renderLabelPdf(batchFaces(warm))
const endToEnd = performance.now()
const batch = await issueLabels(bench.db, keyring, benchOfficer, {
  lotId: 'BENCH1',
  count: PDF_LABELS,
  baseUrl: BASE,
})
const issuedS = (performance.now() - endToEnd) / 1000
const pdf = await renderLabelPdf(batchFaces(batch), {
  title: pdfTitle(batch),
  createdAt: new Date(batch.issuedAt),
})
const pdfS = (performance.now() - endToEnd) / 1000
const alone = performance.now()
const again = await renderLabelPdf(batchFaces(batch), {
  title: pdfTitle(batch),
  createdAt: new Date(batch.issuedAt),
})
const pdfOnlyS = (performance.now() - alone) / 1000
if (pdf.subarray(0, 5).toString() !== '%PDF-' || again.length !== pdf.length)
  throw new Error('the two renderings of one batch differ, or are not a PDF')
console.log(
  `database: ${bench.label}; PDF of ${PDF_LABELS} labels (A4, ${(pdf.length / 1e6).toFixed(1)} MB): end to end ${round(pdfS, 2)} s (issue and sign ${round(issuedS, 2)} s), the PDF alone ${round(pdfOnlyS, 2)} s`,
)
await bench.close()
await rm(dataDir, { recursive: true, force: true })

// 2. In memory.
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
  `RESULT labels_per_s=${round(labelsPerS)} sign_per_s=${round(signPerS)} ratio=${round(labelsPerS / signPerS, 3)} pdf_10k_s=${round(pdfS, 2)} pdf_only_10k_s=${round(pdfOnlyS, 2)} pdf_labels_per_s=${round(PDF_LABELS / pdfS)}`,
)
