// Opening a spool directory after a clean close or a crash: every segment is checked record by record, a
// damaged record and everything after it in its segment is cut away (logged and counted, never fatal),
// segments wholly below the saved head are deleted, and tail is set past every seq ever given out so none is
// reused: past the last intact record and the records the cut bytes could have held, past any segment's
// name, and past the saved head (under fsync 'interval' a power loss can leave the cursor ahead of the data).
import { readdir, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { readCursor } from './cursor.ts'
import type { SpoolLog } from './log.ts'
import { RECORD_HEADER_BYTES } from './segment-format.ts'
import { type SegmentScan, scanSegment } from './segment-scan.ts'
import { end, newSegment, parseSegmentName, type Segment } from './segments.ts'
import { syncDir } from './sync-dir.ts'
import { withFile } from './with-file.ts'

const FIRST_SEQ = 1

interface Recovered {
  segments: Segment[]
  head: number
  tail: number
  /** Damage found: one per segment cut short or set aside. */
  torn: number
}

export async function recoverSpool(dir: string, log: SpoolLog | undefined): Promise<Recovered> {
  const files = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => ({ name: d.name, first: parseSegmentName(d.name) }))
    .filter(
      (f): f is { name: string; first: number } => f.first !== undefined && Number.isSafeInteger(f.first),
    )
    .sort((a, b) => a.first - b.first)
  const saved = await readCursor(dir, log)
  const segments: Segment[] = []
  let tail = Math.max(saved ?? FIRST_SEQ, FIRST_SEQ)
  let torn = 0
  let changed = false
  for (const [i, { name, first }] of files.entries()) {
    const path = join(dir, name)
    tail = Math.max(tail, first)
    const next = files[i + 1]
    if (saved !== undefined && next && next.first <= saved) {
      await unlink(path)
      changed = true
      continue
    }
    const scan = await scanSegment(path)
    if (scan.damage) {
      torn++
      log?.warn(
        {
          segment: path,
          offset: scan.damage.offset,
          reason: scan.damage.reason,
          bytesCut: scan.fileBytes - scan.bytes,
        },
        'spool segment damaged (torn write or bad disk); cut at the first bad record',
      )
      await cut(path, scan.bytes)
      changed = true
    }
    const last = first + scan.count
    // The bytes cut may have held records whose seqs were handed out (append resolved under 'interval');
    // no record is smaller than its header, so skipping that many seqs guarantees none is given out twice.
    tail = Math.max(tail, last + Math.ceil((scan.fileBytes - scan.bytes) / RECORD_HEADER_BYTES))
    const prev = segments.at(-1)
    if (prev && first < end(prev)) {
      // Only a hand-copied file can overlap another; keep it aside rather than guess which one is right.
      torn++
      log?.warn({ segment: path }, 'spool segment overlaps the one before it; set aside as .overlap')
      await rename(path, `${path}.overlap`)
      changed = true
      continue
    }
    if (scan.count === 0 || (saved !== undefined && last <= saved)) {
      await unlink(path)
      changed = true
      continue
    }
    segments.push(loaded(dir, first, scan))
  }
  if (changed) await syncDir(dir)
  return { segments, head: saved ?? segments[0]?.first ?? tail, tail, torn }
}

function loaded(dir: string, first: number, scan: SegmentScan): Segment {
  const seg = newSegment(dir, first)
  seg.offsets = scan.offsets
  seg.count = seg.written = seg.visible = scan.count
  seg.bytes = seg.writtenBytes = scan.bytes
  // Appends after a restart go to a new segment: this one's tail may have just been cut.
  seg.sealed = true
  seg.onDisk = true
  return seg
}

async function cut(path: string, length: number): Promise<void> {
  await withFile(path, 'r+', async (fh) => {
    await fh.truncate(length)
    await fh.datasync()
  })
}
