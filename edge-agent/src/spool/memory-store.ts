// The spool held in memory, for tests and throwaway runs: the same contract as the file store (same byte
// accounting, same full policies) with nothing surviving the process. Records are copied in and out, so a
// caller reusing its buffers cannot change what is spooled.
import { createDropWarner } from './drop-warning.ts'
import { admitRecords, checkLimits, checkRead, checkSeqs, isSeq } from './input.ts'
import type { SpoolLog } from './log.ts'
import { recordBytes } from './segment-format.ts'
import { type FullPolicy, type SpoolEntry, type SpoolStats, type SpoolStore, zeroStats } from './store.ts'

export interface MemorySpoolOptions {
  maxBytes: number
  whenFull: FullPolicy
  log?: SpoolLog
}

const FIRST_SEQ = 1

export function createMemorySpool(opts: MemorySpoolOptions): SpoolStore {
  checkLimits(opts.maxBytes, opts.whenFull)
  const { maxBytes, whenFull } = opts
  // entries[i] holds seq base + i; slots below head are cleared and trimmed now and then.
  let entries: (Buffer | undefined)[] = []
  let base = FIRST_SEQ
  let head = FIRST_SEQ
  let tail = FIRST_SEQ
  // Acked (or dropped) seqs above head, waiting for head to reach them.
  const gone = new Set<number>()
  const counts = zeroStats()
  const warnDrop = createDropWarner(opts.log)
  let closed = false

  function assertOpen(): void {
    if (closed) throw new Error('spool is closed')
  }

  function isLive(seq: number): boolean {
    return seq >= head && seq < tail && !gone.has(seq)
  }

  function release(seq: number): void {
    const data = entries[seq - base]!
    entries[seq - base] = undefined
    counts.bytes -= recordBytes(data.length)
    counts.depth--
    if (seq !== head) {
      gone.add(seq)
      return
    }
    head++
    while (head < tail && gone.delete(head)) head++
    const dead = head - base
    if (dead > 1024 && dead * 2 > entries.length) {
      entries = entries.slice(dead)
      base = head
    }
  }

  return {
    async append(records) {
      assertOpen()
      const { list, cost } = admitRecords(records, counts, maxBytes, whenFull)
      if (list.length === 0) return []
      const seqs: number[] = []
      for (const r of list) {
        entries.push(Buffer.from(r))
        seqs.push(tail++)
      }
      counts.appended += list.length
      counts.depth += list.length
      counts.bytes += cost
      let dropped = 0
      for (; counts.bytes > maxBytes; dropped++) release(head)
      if (dropped > 0) {
        counts.droppedOldest += dropped
        warnDrop(dropped, counts.depth)
      }
      return seqs
    },

    async read(from, max) {
      assertOpen()
      checkRead(from, max)
      const out: SpoolEntry[] = []
      for (let seq = Math.max(Math.ceil(from), head); seq < tail && out.length < max; seq++) {
        if (!gone.has(seq)) out.push({ seq, data: Buffer.from(entries[seq - base]!) })
      }
      return out
    },

    async ack(seqs) {
      assertOpen()
      for (const seq of checkSeqs(seqs)) {
        if (!isSeq(seq) || !isLive(seq)) continue
        release(seq)
        counts.acked++
      }
    },

    head: () => head,
    tail: () => tail,
    stats: (): SpoolStats => ({ ...counts }),

    async close() {
      closed = true
      entries = []
    },
  }
}
