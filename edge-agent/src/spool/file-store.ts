// The spool on disk, for the field: a directory of append-only segment files, a cursor file and a lock.
//
// Durability (the `fsync` option):
// - 'always': appends that arrive together (in the same tick, or while the previous write is in flight)
//   share one write and one fdatasync per segment (group commit); append() resolves only after the fsync,
//   so an entry whose append resolved survives a power loss.
// - 'interval': append() resolves once the records are written to the OS; segments are fsynced every
//   fsyncIntervalMs (default 1000). A kill -9 loses nothing (the page cache outlives the process); a power
//   loss can lose up to that interval of entries, cut cleanly at the last intact record on the next open.
// The directory is fsynced after a segment file is created (before the append resolves under 'always',
// at the next tick under 'interval') or removed, and the cursor is replaced atomically.
//
// Acks may arrive in any order. head (every seq below it acked) is saved in the cursor file at most every
// cursorIntervalMs (200) and on close; acks above head live in memory only. After a crash, entries acked
// since the last save, and all acked above head, are read again (at least once, see store.ts). A segment
// is deleted once a saved head has passed all of its entries.
//
// maxBytes bounds the unacked entries, counted as the bytes they take on disk (payload + 8-byte header).
// Disk use can exceed it by at most one segment of acked entries not yet deleted. Under drop_oldest a
// single call bigger than the whole spool keeps only its newest records (the rest count as dropped).
import { mkdir } from 'node:fs/promises'
import { createCursorKeeper } from './cursor-keeper.ts'
import { createDropWarner } from './drop-warning.ts'
import { admitRecords, checkLimits, checkRead, checkSeqs, isSeq } from './input.ts'
import { createLedger } from './ledger.ts'
import { lockSpoolDir } from './lock.ts'
import type { SpoolLog } from './log.ts'
import { recoverSpool } from './recover.ts'
import { createSegmentReader } from './segment-reader.ts'
import { createSegmentWriter, type FsyncPolicy } from './segment-writer.ts'
import { closeIdle } from './segments.ts'
import type { FullPolicy, SpoolStats, SpoolStore } from './store.ts'

export interface FileSpoolOptions {
  dir: string
  maxBytes: number
  whenFull: FullPolicy
  fsync: FsyncPolicy
  fsyncIntervalMs?: number
  /** A segment is rolled over once it would pass this size (default maxBytes / 8, from 64 KiB to 8 MiB). */
  segmentBytes?: number
  /** How often the head may be saved (default 200 ms). */
  cursorIntervalMs?: number
  log?: SpoolLog
}

export async function openFileSpool(opts: FileSpoolOptions): Promise<SpoolStore> {
  checkLimits(opts.maxBytes, opts.whenFull)
  if (typeof opts.dir !== 'string' || opts.dir === '') throw new TypeError('spool: dir must be a path')
  if (opts.fsync !== 'always' && opts.fsync !== 'interval') {
    throw new TypeError("spool: fsync must be 'always' or 'interval'")
  }
  const { dir, maxBytes, whenFull, log } = opts
  const segmentBytes =
    opts.segmentBytes === undefined
      ? clamp(Math.floor(maxBytes / 8), 64 << 10, 8 << 20)
      : clamp(Math.floor(opts.segmentBytes), 64, 1 << 30)
  const fsyncIntervalMs = Math.max(1, opts.fsyncIntervalMs ?? 1000)

  await mkdir(dir, { recursive: true })
  const unlock = await lockSpoolDir(dir)
  let recovered: Awaited<ReturnType<typeof recoverSpool>>
  try {
    recovered = await recoverSpool(dir, log)
  } catch (err) {
    await unlock()
    throw err
  }
  const ledger = createLedger(dir, recovered.segments, recovered.head, recovered.tail, segmentBytes)
  const { counts } = ledger
  counts.tornRecords = recovered.torn
  log?.info(
    { dir, head: ledger.head(), tail: ledger.tail(), depth: counts.depth, torn: recovered.torn },
    'spool opened',
  )

  const writer = createSegmentWriter(dir, ledger, opts.fsync, log)
  const cursor = createCursorKeeper(dir, ledger, opts.cursorIntervalMs ?? 200, log)
  const read = createSegmentReader(ledger, (seqs, seg) => {
    log?.warn({ segment: seg.path, seqs: seqs.length }, 'spool records damaged on disk since open; skipped')
    counts.tornRecords += seqs.length
    for (const seq of seqs) if (ledger.isLive(seq)) ledger.release(seq)
    cursor.touch()
  })
  const warnDrop = createDropWarner(log)
  const syncTimer =
    opts.fsync === 'interval' ? setInterval(() => void writer.syncDirty(), fsyncIntervalMs).unref() : null
  let closing: Promise<void> | null = null

  function assertOpen(): void {
    if (closing) throw new Error(`spool ${dir} is closed`)
  }

  return {
    async append(records) {
      assertOpen()
      const { list } = admitRecords(records, counts, maxBytes, whenFull)
      if (list.length === 0) return []
      const first = ledger.tail()
      const chunks = ledger.assign(list)
      const seqs = Array.from({ length: list.length }, (_, i) => first + i)
      let dropped = 0
      for (; counts.bytes > maxBytes; dropped++) ledger.release(ledger.head())
      if (dropped > 0) {
        counts.droppedOldest += dropped
        warnDrop(dropped, counts.depth)
        cursor.touch()
      }
      return writer.submit(chunks, seqs)
    },

    async read(from, max) {
      assertOpen()
      checkRead(from, max)
      return read(from, max)
    },

    async ack(seqs) {
      assertOpen()
      const before = ledger.head()
      for (const seq of checkSeqs(seqs)) {
        if (!isSeq(seq) || !ledger.isLive(seq)) continue
        ledger.release(seq)
        counts.acked++
      }
      if (ledger.head() !== before) cursor.touch()
    },

    head: () => ledger.head(),
    tail: () => ledger.tail(),
    stats: (): SpoolStats => ({ ...counts }),

    close() {
      closing ??= (async () => {
        try {
          if (syncTimer) clearInterval(syncTimer)
          await writer.idle()
          await writer.syncDirty()
          await cursor.flush()
          await Promise.all(ledger.segments.map((seg) => closeIdle(seg)))
        } finally {
          await unlock()
        }
      })()
      return closing
    },
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(value) ? value : max))
}
