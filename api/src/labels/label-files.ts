// Writes a batch of labels to a folder: `{serial}.svg` and `{serial}.png` per code, then the printable
// sheets `sheet-001.svg`, `sheet-002.svg`… A fixed number of writers pull from one queue, so a batch of
// 10,000 codes keeps a handful of files open at a time instead of 20,000.
import { mkdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { uniqueFileStems } from './file-name.ts'
import { pageCount } from './label-text.ts'
import { type LabelLayout, resolveLayout } from './layout.ts'
import { labelQrPng, labelQrSvg } from './qr.ts'
import { renderLabelPage, type SheetLabel, type SheetLang } from './sheet.ts'

export interface LabelFileInput {
  serial: string
  url: string
  sheet: SheetLabel
}

export interface LabelFilesResult {
  /** Files written: two per code plus the sheets. */
  files: number
  /** Paths of the sheet pages, in page order. */
  sheets: string[]
}

export class LabelOutputError extends Error {}

const WRITERS = 8

/**
 * Progress counts codes and sheet pages: `total` is labels + pages, and the last call is (total, total).
 * Rejects with LabelOutputError when `dir` exists but is not a directory.
 */
export async function writeLabelFiles(
  dir: string,
  labels: LabelFileInput[],
  onProgress?: (done: number, total: number) => void,
  opts: { lang?: SheetLang; layout?: LabelLayout } = {},
): Promise<LabelFilesResult> {
  await ensureLabelFolder(dir)
  const stems = uniqueFileStems(labels.map((l) => l.serial))
  const items = labels.map((l) => l.sheet)
  const layout = opts.layout ?? resolveLayout()
  const pages = pageCount(items.length, layout)
  const sheets = sheetFileNames(pages, 'svg').map((name) => join(dir, name))
  const total = labels.length + pages
  let done = 0
  await inParallel(total, WRITERS, async (i) => {
    if (i < labels.length) {
      const label = labels[i]!
      const stem = join(dir, stems[i]!)
      // The sheet entry already carries this link's symbol; render again only if it is another link's.
      const svg = label.sheet.url === label.url ? label.sheet.qrSvg : await labelQrSvg(label.url)
      await Promise.all([
        writeFile(`${stem}.svg`, svg),
        writeFile(`${stem}.png`, await labelQrPng(label.url)),
      ])
    } else {
      const page = i - labels.length
      await writeFile(sheets[page]!, renderLabelPage(items, page, opts.lang ?? 'vi', layout))
    }
    done++
    onProgress?.(done, total)
  })
  return { files: 2 * labels.length + pages, sheets }
}

/** sheet-001.svg… for `pages` pages: they sort in print order in any file browser, past page 999 too. */
export function sheetFileNames(pages: number, ext: string): string[] {
  const width = Math.max(3, String(pages).length)
  return Array.from({ length: pages }, (_, p) => `sheet-${String(p + 1).padStart(width, '0')}.${ext}`)
}

/** Creates the output folder, or refuses with LabelOutputError when the path is taken by something else. */
export async function ensureLabelFolder(dir: string): Promise<void> {
  const existing = await stat(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null
    throw err
  })
  if (existing && !existing.isDirectory()) {
    throw new LabelOutputError(`cannot write labels into ${dir}: it exists and is not a directory`)
  }
  if (!existing) await mkdir(dir, { recursive: true })
}

/** Runs task(0…count-1) with at most `limit` in flight; the first failure stops new tasks and rejects. */
async function inParallel(count: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < count) {
      const i = next++
      try {
        await task(i)
      } catch (err) {
        failed = true
        throw err
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker))
}
