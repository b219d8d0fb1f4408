// Group commit: appends queue up while a write is in flight and the next write takes all of them, one
// write per segment touched and, under fsync 'always', one fdatasync, before any of them resolves. A
// failed write or fsync (disk full, I/O error) refuses that group and everything queued behind it: their
// records are cut from the file, their seqs become a gap, and the next append starts a fresh segment.
import type { FileHandle } from 'node:fs/promises'
import { truncate, unlink } from 'node:fs/promises'
import type { Chunk, Ledger } from './ledger.ts'
import type { SpoolLog } from './log.ts'
import { closeIdle, type Segment, withHandle } from './segments.ts'
import { syncDir } from './sync-dir.ts'

export type FsyncPolicy = 'always' | 'interval'

interface Waiter {
  seqs: number[]
  resolve(seqs: number[]): void
  reject(err: unknown): void
}

interface SegmentWriter {
  submit(chunks: Chunk[], seqs: number[]): Promise<number[]>
  /** Resolves once everything submitted so far is written (or refused). */
  idle(): Promise<void>
  /** fsyncs every segment written since the last call (the 'interval' policy's timer, and close). */
  syncDirty(): Promise<void>
}

// Keeps each writev under the usual IOV_MAX of 1024.
const MAX_IOV = 512

export function createSegmentWriter(
  dir: string,
  ledger: Ledger,
  fsync: FsyncPolicy,
  log: SpoolLog | undefined,
): SegmentWriter {
  let chunks: Chunk[] = []
  let waiters: Waiter[] = []
  let running: Promise<void> | null = null
  const dirty = new Set<Segment>()
  let syncing: Promise<void> | null = null
  let dirDirty = false

  async function run(): Promise<void> {
    // Let appends made in the same tick join the first group.
    await Promise.resolve()
    while (chunks.length > 0) {
      const group = chunks
      const groupWaiters = waiters
      chunks = []
      waiters = []
      try {
        await writeGroup(group)
      } catch (err) {
        const refused = groupWaiters.concat(waiters)
        chunks = []
        waiters = []
        await discard(group[0]!.first, err)
        for (const w of refused) w.reject(err)
        continue
      }
      for (const w of groupWaiters) {
        ledger.counts.appended += w.seqs.length
        w.resolve(w.seqs)
      }
    }
    running = null
  }

  async function writeGroup(group: Chunk[]): Promise<void> {
    const touched: Segment[] = []
    let created = false
    for (let i = 0; i < group.length; ) {
      const seg = group[i]!.seg
      const bufs: Buffer[] = []
      let records = 0
      for (; i < group.length && group[i]!.seg === seg; i++) {
        bufs.push(group[i]!.buf)
        records += group[i]!.records
      }
      created ||= !seg.onDisk
      const bytes = await withHandle(seg, (fh) => writeAll(fh, bufs, seg.writtenBytes))
      seg.written += records
      seg.writtenBytes += bytes
      touched.push(seg)
    }
    // A new file's directory entry is made durable with its data: now under 'always', at the next tick
    // under 'interval'.
    if (created && fsync === 'always') await syncDir(dir)
    else if (created) dirDirty = true
    for (const seg of touched) {
      if (fsync === 'always') await withHandle(seg, (fh) => fh.datasync())
      else dirty.add(seg)
      if (seg.sealed && seg.written === seg.count && !dirty.has(seg)) void closeIdle(seg)
    }
    for (const c of group) c.seg.visible += c.records
  }

  async function discard(from: number, err: unknown): Promise<void> {
    log?.warn({ err, dir, fromSeq: from }, 'spool write failed; the appends in flight are refused')
    for (const seg of ledger.unwind(from)) {
      dirty.delete(seg)
      await closeIdle(seg)
      if (!seg.onDisk) continue
      try {
        if (seg.count === 0) await unlink(seg.path)
        else await truncate(seg.path, seg.bytes)
      } catch (cutErr) {
        // Whatever stays behind is found at the next open: damaged records are cut, whole ones fill the gap.
        log?.warn({ err: cutErr, segment: seg.path }, 'spool could not cut a failed write from its segment')
      }
    }
  }

  async function syncDirty(): Promise<void> {
    if (syncing) return syncing
    syncing = (async () => {
      const segs = [...dirty]
      dirty.clear()
      if (dirDirty) {
        dirDirty = false
        await syncDir(dir).catch((err) => log?.warn({ err, dir }, 'spool directory fsync failed'))
      }
      for (const seg of segs) {
        if (seg.retired) continue
        try {
          await withHandle(seg, (fh) => fh.datasync())
        } catch (err) {
          log?.warn({ err, segment: seg.path }, 'spool fsync failed; a power loss may lose recent entries')
        }
        if (seg.sealed && seg.written === seg.count) void closeIdle(seg)
      }
    })().finally(() => {
      syncing = null
    })
    return syncing
  }

  return {
    submit(group, seqs) {
      return new Promise((resolve, reject) => {
        chunks.push(...group)
        waiters.push({ seqs, resolve, reject })
        running ??= run()
      })
    },
    async idle() {
      while (running) await running
    },
    syncDirty,
  }
}

async function writeAll(fh: FileHandle, bufs: Buffer[], position: number): Promise<number> {
  let pos = position
  let rest = bufs
  while (rest.length > 0) {
    const batch = rest.slice(0, MAX_IOV)
    let { bytesWritten } = await fh.writev(batch, pos)
    if (bytesWritten === 0) throw new Error('spool write made no progress')
    pos += bytesWritten
    const next: Buffer[] = []
    for (const b of rest) {
      if (bytesWritten >= b.length) bytesWritten -= b.length
      else {
        next.push(bytesWritten > 0 ? b.subarray(bytesWritten) : b)
        bytesWritten = 0
      }
    }
    rest = next
  }
  return pos - position
}
