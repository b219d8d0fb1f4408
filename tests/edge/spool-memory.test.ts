// The in-memory spool held to the shared contract, plus its own option checks.
import { createMemorySpool } from '@zonetrace/edge-agent'
import { describe, expect, it } from 'vitest'
import { spoolContractTests } from './spool-contract.ts'

spoolContractTests('memory store', async ({ maxBytes, whenFull }) => ({
  store: createMemorySpool({ maxBytes, whenFull }),
}))

describe('memory spool options', () => {
  it('refuses a missing budget or an unknown full policy with a clear error', () => {
    expect(() => createMemorySpool({ maxBytes: 0, whenFull: 'reject_new' })).toThrow(/maxBytes/)
    expect(() => createMemorySpool({ maxBytes: 100, whenFull: 'drop_newest' as never })).toThrow(/whenFull/)
  })

  it('warns about dropped entries at most once a minute, with the running count', async () => {
    const warnings: object[] = []
    const log = { warn: (obj: object) => warnings.push(obj), info: () => {} }
    const store = createMemorySpool({ maxBytes: 3 * 48, whenFull: 'drop_oldest', log })
    for (let i = 0; i < 10; i++) await store.append([Buffer.alloc(40)])
    expect(store.stats().droppedOldest).toBe(7)
    expect(warnings).toEqual([{ dropped: 1, depth: 3 }])
  })
})
