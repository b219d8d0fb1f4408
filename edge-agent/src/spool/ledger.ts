// What the file store knows in memory: its segments, head and tail, the acks above head, and the counts.
// Seqs are given out here, synchronously, so appends racing each other get them in call order and the
// byte budget sees every record the moment its append() is called. Seqs can have gaps (records cut away as
// damaged at open, or lost to a failed write); a gap holds no entry and is never given out again.
import { encodeRecords, recordBytes } from './segment-format.ts'
import {
  addRecord,
  costOf,
  end,
  newSegment,
  offsetOf,
  type Segment,
  segmentHolding,
  segmentIndexFor,
} from './segments.ts'
import { type SpoolStats, zeroStats } from './store.ts'

/** Records of one append() bound for one segment, encoded and waiting for the writer. */
export interface Chunk {
  seg: Segment
  first: number
  records: number
  buf: Buffer
}

export interface Ledger {
  readonly segments: Segment[]
  readonly counts: SpoolStats
  /** Acked (or dropped, or found damaged) seqs above head. */
  readonly gone: Set<number>
  head(): number
  tail(): number
  isLive(seq: number): boolean
  /** Takes a live entry out of the spool: acked, dropped or damaged. */
  release(seq: number): void
  assign(records: readonly Uint8Array[]): Chunk[]
  /** Forgets every record from `from` on (a failed write); returns the segments that lost records. */
  unwind(from: number): Segment[]
  /** Removes and returns the segments wholly below `savedHead`, for deletion. */
  retire(savedHead: number): Segment[]
}

export function createLedger(
  dir: string,
  segments: Segment[],
  startHead: number,
  startTail: number,
  segmentBytes: number,
): Ledger {
  let head = startHead
  let tail = startTail
  const gone = new Set<number>()
  const counts = zeroStats()

  // Moves head past acked seqs and gaps to the oldest live entry (or tail).
  function advanceHead(): void {
    while (head < tail) {
      if (gone.delete(head)) {
        head++
        continue
      }
      const seg = segments[segmentIndexFor(segments, head)]
      if (!seg) head = tail
      else if (head < seg.first) head = seg.first
      else break
    }
  }

  advanceHead()
  for (const seg of segments) {
    const from = Math.max(head, seg.first)
    if (from >= end(seg)) continue
    counts.depth += end(seg) - from
    counts.bytes += seg.bytes - offsetOf(seg, from - seg.first)
  }

  function isLive(seq: number): boolean {
    return seq >= head && seq < tail && !gone.has(seq) && segmentHolding(segments, seq) !== undefined
  }

  return {
    segments,
    counts,
    gone,
    head: () => head,
    tail: () => tail,
    isLive,

    release(seq) {
      counts.bytes -= costOf(segmentHolding(segments, seq)!, seq)
      counts.depth--
      if (seq !== head) gone.add(seq)
      else {
        head++
        advanceHead()
      }
    },

    assign(records) {
      const chunks: Chunk[] = []
      let i = 0
      while (i < records.length) {
        let seg = segments.at(-1)
        const size = recordBytes(records[i]!.length)
        if (!seg || seg.sealed || (seg.count > 0 && seg.bytes + size > segmentBytes)) {
          if (seg) seg.sealed = true
          seg = newSegment(dir, tail)
          segments.push(seg)
        }
        const startBytes = seg.bytes
        let j = i
        for (; j < records.length; j++) {
          const s = recordBytes(records[j]!.length)
          if (j > i && seg.bytes + s > segmentBytes) break
          addRecord(seg, s)
        }
        const buf = Buffer.allocUnsafe(seg.bytes - startBytes)
        encodeRecords(records.slice(i, j), buf, 0)
        chunks.push({ seg, first: tail, records: j - i, buf })
        counts.depth += j - i
        counts.bytes += buf.length
        tail += j - i
        i = j
      }
      return chunks
    },

    unwind(from) {
      for (let seq = Math.max(from, head); seq < tail; seq++) {
        if (!isLive(seq)) continue
        counts.bytes -= costOf(segmentHolding(segments, seq)!, seq)
        counts.depth--
      }
      for (let seq = from; seq < tail; seq++) gone.delete(seq)
      const hit: Segment[] = []
      for (let k = segments.length - 1; k >= 0 && end(segments[k]!) > from; k--) {
        const seg = segments[k]!
        const keep = Math.max(0, from - seg.first)
        seg.bytes = offsetOf(seg, keep)
        seg.count = keep
        seg.written = Math.min(seg.written, seg.count)
        seg.writtenBytes = Math.min(seg.writtenBytes, seg.bytes)
        seg.visible = Math.min(seg.visible, seg.count)
        seg.sealed = true
        if (seg.count === 0) segments.splice(k, 1)
        hit.push(seg)
      }
      advanceHead()
      return hit
    },

    retire(savedHead) {
      let n = 0
      while (n < segments.length) {
        const seg = segments[n]!
        // Not before its appends have resolved: the writer may still need the file for their fsync.
        if (!seg.sealed || end(seg) > savedHead || seg.visible < seg.count) break
        seg.retired = true
        n++
      }
      return segments.splice(0, n)
    },
  }
}
