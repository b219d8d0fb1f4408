// Dead letters leave the hot path: add() only appends to a bounded buffer, and a timer writes the buffer in
// one statement per batch. A dead-letter write never blocks or fails a PUBACK: the pack was judged already,
// and its good readings go through the reading writer whatever happens here. When the database is down the
// buffer keeps the newest entries and drops the oldest, counting them and saying so once per flush.
//
// A dead letter the database refuses (a NUL in its topic or detail, say) never blocks the ones behind it:
// the batch is split until it stands alone, and it is written again with its texts escaped (the payload
// always travels as hex, so its bytes are kept whatever they are). Only if even that is refused is it
// dropped, alone and counted. Only an unreachable database keeps a batch in the buffer.
import { DEAD_LETTER_REASONS, type DeadLetterReason } from '@zonetrace/contracts'
import {
  type Database,
  type DeadLetterEntry,
  errorFacts,
  insertDeadLetters,
  isDataRefusal,
  isolateRows,
  reportIsolation,
  safeText,
} from '@zonetrace/db'
import type { Logger } from 'pino'
import { withDefaults } from '../defaults.ts'

/** Stored bytes of a payload: enough to read a bad pack, small enough that a flood cannot fill the disk. */
const DEAD_LETTER_PAYLOAD_BYTES = 16 * 1024

/**
 * A dead letter as the ingest raises it: what is stored, but with `payload` the whole payload as received;
 * only its first DEAD_LETTER_PAYLOAD_BYTES are kept, with its size and whether it was cut.
 */
export type DeadLetter = Omit<DeadLetterEntry, 'receivedAt' | 'payloadSize' | 'truncated'>

export interface DeadLetterWriterOptions {
  flushMs?: number
  /** Entries held while waiting for a write; beyond it the oldest is dropped. */
  maxBuffered?: number
  /** Entries per insert statement. */
  maxBatch?: number
}

const DEFAULT_OPTIONS: Required<DeadLetterWriterOptions> = {
  flushMs: 1000,
  maxBuffered: 1000,
  maxBatch: 200,
}

export interface DeadLetterStats {
  /** Dead letters raised since start, by reason (written, buffered or dropped). */
  byReason: Record<DeadLetterReason, number>
  /** Held in memory and not written yet, the insert in flight included. */
  buffered: number
  written: number
  dropped: number
  writeFailures: number
}

export interface DeadLetterWriter {
  add(letter: DeadLetter): void
  /** Writes what is buffered; resolves (never rejects) when done or failed. */
  flush(): Promise<void>
  /** Stops the timer and makes one last attempt. */
  close(): Promise<void>
  stats(): DeadLetterStats
}

export function createDeadLetterWriter(
  db: Database,
  log: Logger,
  opts: DeadLetterWriterOptions = {},
): DeadLetterWriter {
  const { flushMs, maxBuffered, maxBatch } = withDefaults(opts, DEFAULT_OPTIONS)
  let buffer: DeadLetterEntry[] = []
  let flushing: Promise<void> | null = null
  let writing = 0
  let droppedSinceLog = 0
  const counts = { written: 0, dropped: 0, writeFailures: 0 }
  const byReason = Object.fromEntries(DEAD_LETTER_REASONS.map((r) => [r, 0])) as Record<
    DeadLetterReason,
    number
  >

  const timer = setInterval(() => void flush(), flushMs)
  timer.unref()

  function keep(entries: DeadLetterEntry[]): void {
    buffer.push(...entries)
    const excess = buffer.length - maxBuffered
    if (excess > 0) {
      buffer.splice(0, excess)
      counts.dropped += excess
      droppedSinceLog += excess
    }
  }

  async function write(): Promise<void> {
    if (droppedSinceLog > 0) {
      log.warn({ dropped: droppedSinceLog, kept: buffer.length }, 'dead-letter buffer full: oldest dropped')
      droppedSinceLog = 0
    }
    while (buffer.length > 0) {
      const batch = buffer.slice(0, maxBatch)
      buffer = buffer.slice(batch.length)
      writing = batch.length
      try {
        await insertDeadLetters(db, batch)
        counts.written += batch.length
      } catch (err) {
        counts.writeFailures++
        const left = isDataRefusal(err) ? await isolate(batch, err) : { rows: batch, err }
        if (left.rows.length > 0) {
          log.warn(
            { err: errorFacts(left.err), deadLetters: left.rows.length },
            'dead-letter write failed; kept for the next flush',
          )
          // Back in front of what arrived meanwhile, then trimmed from the oldest end.
          const arrived = buffer
          buffer = []
          keep([...left.rows, ...arrived])
          return
        }
      } finally {
        writing = 0
      }
    }
  }

  /** Writes a refused batch around the entries the database refuses; returns what an outage left. */
  async function isolate(
    batch: DeadLetterEntry[],
    cause: unknown,
  ): Promise<{ rows: DeadLetterEntry[]; err: unknown }> {
    const iso = await isolateRows(batch, {
      cause,
      write: (rows) => insertDeadLetters(db, rows),
      safeForm: safeDeadLetter,
    })
    counts.written += iso.written.length + iso.safe.length
    counts.dropped += iso.refused.length
    reportIsolation(log, 'dead_letters', iso)
    return { rows: iso.left, err: iso.error }
  }

  function flush(): Promise<void> {
    flushing ??= write().finally(() => {
      flushing = null
    })
    return flushing
  }

  return {
    add(letter) {
      byReason[letter.reason]++
      const size = letter.payload.length
      const truncated = size > DEAD_LETTER_PAYLOAD_BYTES
      keep([
        {
          receivedAt: new Date(),
          gatewayId: letter.gatewayId,
          topic: letter.topic,
          reason: letter.reason,
          detail: letter.detail,
          recordIndex: letter.recordIndex,
          // A copy, so the buffer never pins a large packet in memory.
          payload: Buffer.from(letter.payload.subarray(0, DEAD_LETTER_PAYLOAD_BYTES)),
          payloadSize: size,
          truncated,
        },
      ])
    },
    flush,
    async close() {
      clearInterval(timer)
      await flushing
      await flush()
    },
    stats: () => ({ byReason: { ...byReason }, buffered: buffer.length + writing, ...counts }),
  }
}

/** Bounds of the texts of a dead letter written in its safe form. */
const SAFE_TOPIC_CHARS = 1024
const SAFE_DETAIL_CHARS = 4096
const INT4_MAX = 2_147_483_647

/**
 * The dead letter with nothing the database could refuse: texts escaped and bounded, numbers in range.
 * The payload is written as hex already, so its bytes stay exactly as received.
 */
function safeDeadLetter(e: DeadLetterEntry): DeadLetterEntry {
  const int4 = (n: number) => Number.isInteger(n) && n >= 0 && n <= INT4_MAX
  return {
    ...e,
    receivedAt: Number.isNaN(e.receivedAt.getTime()) ? new Date() : e.receivedAt,
    gatewayId: safeText(e.gatewayId, SAFE_TOPIC_CHARS),
    topic: safeText(e.topic, SAFE_TOPIC_CHARS),
    reason: DEAD_LETTER_REASONS.includes(e.reason) ? e.reason : 'invalid_record',
    detail: safeText(e.detail, SAFE_DETAIL_CHARS),
    recordIndex: e.recordIndex !== null && int4(e.recordIndex) ? e.recordIndex : null,
    payloadSize: int4(e.payloadSize) ? e.payloadSize : e.payload.length,
  }
}
