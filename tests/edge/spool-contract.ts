// The one contract every SpoolStore implementation passes (see edge-agent/src/spool/store.ts), run by
// spool-memory.test.ts and spool-file.test.ts against their own factories.
import { type FullPolicy, type SpoolEntry, SpoolFullError, type SpoolStore } from '@zonetrace/edge-agent'
import { afterEach, describe, expect, it } from 'vitest'

export interface BuiltSpool {
  store: SpoolStore
  /** Opens the same spool again after store.close(); absent for stores that keep nothing. */
  reopen?: () => Promise<SpoolStore>
}

export type SpoolBuilder = (opts: { maxBytes: number; whenFull: FullPolicy }) => Promise<BuiltSpool>

/** A reading-sized record whose content names it; every record of one size costs the same. */
export const record = (n: number, size = 40): Buffer => Buffer.from(`reading-${n}:`.padEnd(size, '.'))
export const texts = (entries: SpoolEntry[]): string[] => entries.map((e) => e.data.toString())
export const seqsOf = (entries: SpoolEntry[]): number[] => entries.map((e) => e.seq)

export async function readAll(store: SpoolStore, from = 0, page = 1000): Promise<SpoolEntry[]> {
  const all: SpoolEntry[] = []
  for (;;) {
    const batch = await store.read(from, page)
    if (batch.length === 0) return all
    all.push(...batch)
    from = batch.at(-1)!.seq + 1
  }
}

export function spoolContractTests(name: string, build: SpoolBuilder): void {
  describe(`spool contract: ${name}`, () => {
    const opened: SpoolStore[] = []
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close()
    })
    const open = async (maxBytes = 1 << 20, whenFull: FullPolicy = 'reject_new') => {
      const built = await build({ maxBytes, whenFull })
      opened.push(built.store)
      const reopen = built.reopen
      return {
        store: built.store,
        reopen: reopen
          ? async () => {
              const s = await reopen()
              opened.push(s)
              return s
            }
          : undefined,
      }
    }
    // What one 40-byte record costs against maxBytes, learnt from the store rather than assumed.
    const costOfRecord = async () => {
      const { store } = await open()
      await store.append([record(0)])
      return store.stats().bytes
    }

    it('starts empty: head equals tail and nothing is read', async () => {
      const { store } = await open()
      expect(store.head()).toBe(store.tail())
      expect(await store.read(0, 10)).toEqual([])
      expect(store.stats()).toMatchObject({ depth: 0, bytes: 0, appended: 0, acked: 0 })
    })

    it('appends in order with seqs strictly increasing across calls, and reads them back', async () => {
      const { store } = await open()
      const first = store.tail()
      const a = await store.append([record(1), record(2), record(3)])
      const b = await store.append([record(4)])
      const c = await store.append([record(5), record(6)])
      const seqs = [...a, ...b, ...c]
      expect(seqs[0]).toBe(first)
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!)
      expect(store.tail()).toBeGreaterThan(seqs.at(-1)!)
      const all = await store.read(0, 100)
      expect(seqsOf(all)).toEqual(seqs)
      expect(texts(all)).toEqual([1, 2, 3, 4, 5, 6].map((n) => record(n).toString()))
      expect(store.head()).toBe(first)
    })

    it('reads from a seq up to max; below head starts at head; past tail or max 0 reads nothing', async () => {
      const { store } = await open()
      const seqs = await store.append([0, 1, 2, 3, 4, 5, 6, 7].map((n) => record(n)))
      expect(seqsOf(await store.read(seqs[3]!, 2))).toEqual([seqs[3], seqs[4]])
      expect(seqsOf(await store.read(seqs[6]!, 10))).toEqual([seqs[6], seqs[7]])
      await store.ack([seqs[0]!, seqs[1]!])
      expect(seqsOf(await store.read(0, 1))).toEqual([seqs[2]])
      expect(await store.read(store.tail(), 10)).toEqual([])
      expect(await store.read(seqs[2]!, 0)).toEqual([])
    })

    it('acks in any order: head is the oldest unacked, acked entries are never read again', async () => {
      const { store } = await open()
      const seqs = await store.append([0, 1, 2, 3, 4, 5].map((n) => record(n)))
      await store.ack([seqs[2]!, seqs[4]!])
      expect(store.head()).toBe(seqs[0])
      expect(seqsOf(await store.read(0, 10))).toEqual([seqs[0], seqs[1], seqs[3], seqs[5]])
      await store.ack([seqs[1]!])
      expect(store.head()).toBe(seqs[0])
      await store.ack([seqs[0]!])
      expect(store.head()).toBe(seqs[3])
      expect(seqsOf(await store.read(seqs[2]!, 10))).toEqual([seqs[3], seqs[5]])
      await store.ack([seqs[5]!, seqs[3]!])
      expect(store.head()).toBe(store.tail())
      expect(await store.read(0, 10)).toEqual([])
    })

    it('ignores acks of unknown, repeated, future and non-integer seqs', async () => {
      const { store } = await open()
      const seqs = await store.append([record(1), record(2), record(3)])
      await store.ack([seqs[1]!])
      await store.ack([
        seqs[1]!,
        seqs[1]!,
        store.tail(),
        store.tail() + 100,
        -5,
        1.5,
        Number.NaN,
        seqs[0]! - 1,
      ])
      expect(store.stats()).toMatchObject({ acked: 1, depth: 2 })
      expect(seqsOf(await store.read(0, 10))).toEqual([seqs[0], seqs[2]])
      await store.ack([seqs[0]!, seqs[0]!])
      expect(store.stats()).toMatchObject({ acked: 2, depth: 1 })
      const next = await store.append([record(4)])
      expect(next[0]).toBeGreaterThan(seqs[2]!)
    })

    it('counts depth, bytes, appended and acked', async () => {
      const cost = await costOfRecord()
      expect(cost).toBeGreaterThanOrEqual(40)
      const { store } = await open()
      const seqs = await store.append([record(1), record(2), record(3), record(4)])
      expect(store.stats()).toMatchObject({ depth: 4, bytes: 4 * cost, appended: 4, acked: 0 })
      await store.ack([seqs[2]!, seqs[0]!])
      expect(store.stats()).toMatchObject({ depth: 2, bytes: 2 * cost, appended: 4, acked: 2 })
      expect(store.stats()).toMatchObject({ rejectedFull: 0, droppedOldest: 0, tornRecords: 0 })
    })

    it('an empty append returns no seqs and changes nothing', async () => {
      const { store } = await open()
      const tail = store.tail()
      expect(await store.append([])).toEqual([])
      expect(store.tail()).toBe(tail)
      expect(store.stats().appended).toBe(0)
    })

    it('refuses a record that is not a Buffer (appending none of its call) and other bad arguments', async () => {
      const { store } = await open()
      const tail = store.tail()
      await expect(store.append([record(1), 'not a buffer' as unknown as Buffer])).rejects.toThrow(TypeError)
      expect(store.tail()).toBe(tail)
      expect(await store.read(0, 10)).toEqual([])
      await expect(store.read(Number.NaN, 10)).rejects.toThrow(TypeError)
      await expect(store.ack(5 as unknown as number[])).rejects.toThrow(TypeError)
    })

    it('keeps its own copy: changing a buffer after append or after read changes nothing spooled', async () => {
      const { store } = await open()
      const buf = record(1)
      await store.append([buf])
      buf.fill(0)
      const [first] = await store.read(0, 1)
      expect(first!.data.toString()).toBe(record(1).toString())
      first!.data.fill(0)
      expect(texts(await store.read(0, 1))).toEqual([record(1).toString()])
    })

    it('gives concurrent appends seqs in call order, and every record lands', async () => {
      const { store } = await open()
      const calls = Array.from({ length: 50 }, (_, i) => store.append([record(2 * i), record(2 * i + 1)]))
      const results = await Promise.all(calls)
      const seqs = results.flat()
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!)
      const all = await store.read(0, 1000)
      expect(seqsOf(all)).toEqual(seqs)
      expect(texts(all)).toEqual(Array.from({ length: 100 }, (_, n) => record(n).toString()))
    })

    it('reject_new: refuses a whole call that does not fit, counts it, keeps every entry; acks make room', async () => {
      const cost = await costOfRecord()
      const { store } = await open(5 * cost, 'reject_new')
      const seqs = await store.append([1, 2, 3, 4].map((n) => record(n)))
      const tail = store.tail()
      await expect(store.append([record(5), record(6)])).rejects.toBeInstanceOf(SpoolFullError)
      expect(store.tail()).toBe(tail)
      expect(store.stats()).toMatchObject({ rejectedFull: 2, depth: 4, bytes: 4 * cost, droppedOldest: 0 })
      expect(texts(await store.read(0, 10))).toEqual([1, 2, 3, 4].map((n) => record(n).toString()))
      await store.append([record(5)])
      await expect(store.append([record(6)])).rejects.toMatchObject({ code: 'SPOOL_FULL' })
      expect(store.stats().rejectedFull).toBe(3)
      await store.ack([seqs[1]!])
      await store.append([record(6)])
      expect(texts(await store.read(0, 10))).toEqual([1, 3, 4, 5, 6].map((n) => record(n).toString()))
    })

    it('drop_oldest: drops the oldest unacked entries to make room and keeps the newest readable', async () => {
      const cost = await costOfRecord()
      const { store } = await open(5 * cost, 'drop_oldest')
      const seqs = await store.append([1, 2, 3, 4, 5].map((n) => record(n)))
      // An ack above head frees room of its own, so only one entry has to go for the next two.
      await store.ack([seqs[1]!])
      const more = await store.append([record(6), record(7)])
      expect(store.stats()).toMatchObject({ droppedOldest: 1, depth: 5, bytes: 5 * cost, rejectedFull: 0 })
      expect(store.head()).toBe(seqs[2])
      expect(texts(await store.read(0, 10))).toEqual([3, 4, 5, 6, 7].map((n) => record(n).toString()))
      await store.append([record(8), record(9), record(10)])
      expect(store.stats().droppedOldest).toBe(4)
      expect(store.head()).toBe(more[0])
      expect(texts(await store.read(0, 10))).toEqual([6, 7, 8, 9, 10].map((n) => record(n).toString()))
    })

    it('drop_oldest: a call bigger than the whole spool keeps only its newest records', async () => {
      const cost = await costOfRecord()
      const { store } = await open(3 * cost, 'drop_oldest')
      await store.append([record(1)])
      const seqs = await store.append([2, 3, 4, 5, 6].map((n) => record(n)))
      expect(seqs).toHaveLength(5)
      expect(store.stats()).toMatchObject({ droppedOldest: 3, depth: 3 })
      expect(texts(await store.read(0, 10))).toEqual([4, 5, 6].map((n) => record(n).toString()))
      expect(store.head()).toBe(seqs[2])
    })

    it('refuses a record larger than the whole spool under either policy, appending nothing', async () => {
      const cost = await costOfRecord()
      for (const whenFull of ['reject_new', 'drop_oldest'] as const) {
        const { store } = await open(4 * cost, whenFull)
        await store.append([record(1)])
        const tail = store.tail()
        await expect(store.append([record(2), Buffer.alloc(4 * cost)])).rejects.toBeInstanceOf(SpoolFullError)
        expect(store.tail()).toBe(tail)
        expect(store.stats()).toMatchObject({ depth: 1, droppedOldest: 0 })
        expect(texts(await store.read(0, 10))).toEqual([record(1).toString()])
      }
    })

    it('is unusable after close; reopened, it resumes head, tail and the unacked entries in order', async (ctx) => {
      const { store, reopen } = await open()
      const seqs = await store.append([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => record(n)))
      await store.ack([seqs[1]!, seqs[0]!, seqs[6]!])
      const tail = store.tail()
      await store.close()
      await store.close()
      await expect(store.append([record(10)])).rejects.toThrow(/closed/)
      await expect(store.read(0, 1)).rejects.toThrow(/closed/)
      if (!reopen) return ctx.skip()

      const again = await reopen()
      expect(again.head()).toBe(seqs[2])
      expect(again.tail()).toBe(tail)
      // The ack above head lived in memory only: that entry may come back, once, in its place.
      const back = seqsOf(await again.read(0, 100))
      expect(back.filter((s) => s !== seqs[6])).toEqual([2, 3, 4, 5, 7, 8, 9].map((i) => seqs[i]))
      expect(back.filter((s) => s === seqs[6]).length).toBeLessThanOrEqual(1)
      expect(back).toEqual([...back].sort((a, b) => a - b))
      const [next] = await again.append([record(10)])
      expect(next).toBeGreaterThanOrEqual(tail)
      expect(texts(await again.read(next!, 1))).toEqual([record(10).toString()])
    })
  })
}
