// Fault injection on the spool's files between a close and the next open, standing in for a power loss or
// a bad SD card: a record cut mid-way, a flipped byte, a tail of zeros, damage in the middle of an older
// segment. What must survive: every record before the damage, intact and in order; the open itself (the
// damage is logged once and counted, never thrown); and appending afterwards, with no seq given out twice.
import { appendFile, open, stat, truncate } from 'node:fs/promises'
import { openFileSpool, RECORD_HEADER_BYTES } from '@zonetrace/edge-agent'
import { afterAll, describe, expect, it } from 'vitest'
import { readAll, record, seqsOf, texts } from './spool-contract.ts'
import { captureLog, segmentFiles, tempDirs } from './spool-kit.ts'

const dirs = tempDirs()
afterAll(() => dirs.cleanup())

const base = { maxBytes: 1 << 20, whenFull: 'reject_new', fsync: 'always' } as const

/** A closed spool holding records 0..count-1 of 40 bytes (48 on disk), and the seqs they got. */
async function filledSpool(count: number, segmentBytes?: number) {
  const dir = await dirs.make()
  const store = await openFileSpool({ ...base, dir, segmentBytes })
  const seqs = await store.append(Array.from({ length: count }, (_, n) => record(n)))
  const tail = store.tail()
  await store.close()
  return { dir, seqs, tail, last: (await segmentFiles(dir)).at(-1)! }
}

async function flipByte(path: string, at: number): Promise<void> {
  const fh = await open(path, 'r+')
  try {
    const b = Buffer.alloc(1)
    await fh.read(b, 0, 1, at)
    b[0] = b[0]! ^ 0x20
    await fh.write(b, 0, 1, at)
  } finally {
    await fh.close()
  }
}

/** Reopens after the damage and checks what every kind of damage must leave. */
async function reopenDamaged(dir: string, survivors: number[], seqs: number[], oldTail: number) {
  const log = captureLog()
  const store = await openFileSpool({ ...base, dir, log })
  expect(store.stats().tornRecords).toBe(1)
  expect(log.warns).toHaveLength(1)
  expect(log.warns[0]!.msg).toMatch(/damaged/)
  const back = await readAll(store)
  expect(texts(back)).toEqual(survivors.map((n) => record(n).toString()))
  expect(seqsOf(back)).toEqual(survivors.map((n) => seqs[n]))
  const [next] = await store.append([record(1000)])
  expect(next).toBeGreaterThanOrEqual(oldTail)
  expect(texts(await store.read(next!, 10))).toEqual([record(1000).toString()])
  await store.close()

  // The damage was cut away at the first open: the next one is clean and finds the new record too.
  const quiet = captureLog()
  const again = await openFileSpool({ ...base, dir, log: quiet })
  expect(again.stats().tornRecords).toBe(0)
  expect(quiet.warns).toEqual([])
  expect(texts(await readAll(again))).toEqual([
    ...survivors.map((n) => record(n).toString()),
    record(1000).toString(),
  ])
  await again.close()
}

const NINE = [0, 1, 2, 3, 4, 5, 6, 7, 8]

/** Damage to the last segment of a ten-record spool, and the records that survive reopening it. */
const LAST_SEGMENT_DAMAGE: { name: string; damage(last: string): Promise<void>; kept: number[] }[] = [
  {
    name: 'cuts a last record torn mid-way',
    damage: async (last) => truncate(last, (await stat(last)).size - 5),
    kept: NINE,
  },
  {
    name: 'cuts a last record torn inside its header',
    damage: async (last) => truncate(last, (await stat(last)).size - 48 + 3),
    kept: NINE,
  },
  {
    name: 'cuts a last record whose payload has a flipped byte',
    damage: async (last) => flipByte(last, (await stat(last)).size - 10),
    kept: NINE,
  },
  {
    name: 'cuts a tail of zeros left by a power loss after the file grew',
    damage: (last) => appendFile(last, Buffer.alloc(4096)),
    kept: [...NINE, 9],
  },
  {
    name: 'skips a damaged length that points past the end of the file',
    damage: (last) => flipByte(last, 48 * 9 + 3),
    kept: NINE,
  },
]

describe('file spool damage found at open', () => {
  it.each(LAST_SEGMENT_DAMAGE)('$name', async ({ damage, kept }) => {
    const { dir, seqs, tail, last } = await filledSpool(10)
    await damage(last)
    await reopenDamaged(dir, kept, seqs, tail)
  })

  it('skips the rest of an older segment damaged in the middle and keeps the segments after it', async () => {
    // 200-byte segments hold four 48-byte records: [0..3] [4..7] [8..11].
    const { dir, seqs, tail } = await filledSpool(12, 200)
    const files = await segmentFiles(dir)
    expect(files).toHaveLength(3)
    await flipByte(files[1]!, 48 + RECORD_HEADER_BYTES + 2)
    await reopenDamaged(dir, [0, 1, 2, 3, 4, 8, 9, 10, 11], seqs, tail)
  })
})
