// A segment is one append-only file holding a run of consecutive seqs, named by the first of them. Each one
// keeps the byte offset of every record in memory (4 bytes an entry, about 5% of an 80-byte reading's
// footprint), so reading from any seq and counting an out-of-order ack against maxBytes never touch the disk.
import { type FileHandle, open } from 'node:fs/promises'
import { join } from 'node:path'

export interface Segment {
  first: number
  path: string
  /** Start offset of record i in offsets[i] for i < count; the rest is spare capacity. */
  offsets: Uint32Array
  /** Records given this segment by append(), and the bytes they take: its end once written. */
  count: number
  bytes: number
  /** Records on disk (written, maybe not yet fsynced) and the file size they make. */
  written: number
  writtenBytes: number
  /** Records read() may return: their append() has resolved. */
  visible: number
  /** No more records go in; set when the next segment starts or after a failed write. */
  sealed: boolean
  /** Every entry acked and the file deleted (or about to be). */
  retired: boolean
  onDisk: boolean
  handle: Promise<FileHandle> | null
  users: number
  closeWhenIdle: boolean
}

const NAME = /^(\d{16})\.seg$/

function segmentName(first: number): string {
  return `${String(first).padStart(16, '0')}.seg`
}

export function parseSegmentName(name: string): number | undefined {
  const m = NAME.exec(name)
  return m ? Number(m[1]) : undefined
}

export function newSegment(dir: string, first: number): Segment {
  return {
    first,
    path: join(dir, segmentName(first)),
    offsets: new Uint32Array(1024),
    count: 0,
    bytes: 0,
    written: 0,
    writtenBytes: 0,
    visible: 0,
    sealed: false,
    retired: false,
    onDisk: false,
    handle: null,
    users: 0,
    closeWhenIdle: false,
  }
}

export function addRecord(seg: Segment, size: number): void {
  if (seg.count === seg.offsets.length) {
    const grown = new Uint32Array(seg.offsets.length * 2)
    grown.set(seg.offsets)
    seg.offsets = grown
  }
  seg.offsets[seg.count++] = seg.bytes
  seg.bytes += size
}

export function end(seg: Segment): number {
  return seg.first + seg.count
}

export function offsetOf(seg: Segment, index: number): number {
  return index < seg.count ? seg.offsets[index]! : seg.bytes
}

/** Bytes the record with this seq takes in the segment (header included). */
export function costOf(seg: Segment, seq: number): number {
  const i = seq - seg.first
  return offsetOf(seg, i + 1) - offsetOf(seg, i)
}

/** Index of the first segment ending after `seq` (segments sorted by first), or segments.length. */
export function segmentIndexFor(segments: readonly Segment[], seq: number): number {
  let lo = 0
  let hi = segments.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (end(segments[mid]!) > seq) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** The segment holding `seq`, or undefined when seq falls in a gap (records lost to damage or a failed write). */
export function segmentHolding(segments: readonly Segment[], seq: number): Segment | undefined {
  const seg = segments[segmentIndexFor(segments, seq)]
  return seg && seq >= seg.first ? seg : undefined
}

/**
 * Runs fn with the segment's file open, creating the file on first use. Handles stay open between calls
 * (the active segment and the one being read) until closeIdle() says the segment is no longer in use.
 */
export async function withHandle<T>(seg: Segment, fn: (fh: FileHandle) => Promise<T>): Promise<T> {
  seg.users++
  try {
    if (!seg.handle) {
      const opening = open(seg.path, seg.onDisk ? 'r+' : 'wx+')
      seg.handle = opening
      opening.catch(() => {
        if (seg.handle === opening) seg.handle = null
      })
    }
    const fh = await seg.handle
    seg.onDisk = true
    return await fn(fh)
  } finally {
    seg.users--
    if (seg.users === 0 && seg.closeWhenIdle) void closeHandle(seg)
  }
}

/** Closes the segment's file now if nobody is using it, else as soon as the last user is done. */
export function closeIdle(seg: Segment): Promise<void> {
  seg.closeWhenIdle = true
  return seg.users === 0 ? closeHandle(seg) : Promise.resolve()
}

async function closeHandle(seg: Segment): Promise<void> {
  const handle = seg.handle
  seg.handle = null
  seg.closeWhenIdle = false
  if (!handle) return
  try {
    await (await handle).close()
  } catch {
    // Opening failed or it is already closed: there is nothing left to release.
  }
}
