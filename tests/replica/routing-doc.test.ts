// docs/scale-out.md's table of which reads may come from the replica against READ_ROUTING, the one place in
// the code that decides it (api/src/plugins/app/read-db.ts): the page cannot say one thing while the code does
// another. Runs on both backends; it needs no replica.
import { readFileSync } from 'node:fs'
import { READ_ROUTING } from '@zonetrace/api'
import { describe, expect, it } from 'vitest'

const doc = readFileSync(new URL('../../docs/scale-out.md', import.meta.url), 'utf8')

function documentedRows(): string[][] {
  const table = doc.slice(
    doc.indexOf('<!-- read-routing:start -->'),
    doc.indexOf('<!-- read-routing:end -->'),
  )
  return table
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| reads |'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    )
}

describe('docs/scale-out.md, reads from a replica', () => {
  it('lists every use READ_ROUTING knows, in its order, with the same server and reason', () => {
    const fromCode = Object.entries(READ_ROUTING).map(([use, { from, why }]) => [use, from, why])
    expect(documentedRows()).toEqual(fromCode)
  })

  it('sends series, evidence, open data and lists to the replica, and nothing that must read its writes', () => {
    const replica = Object.entries(READ_ROUTING)
      .filter(([, { from }]) => from === 'replica')
      .map(([use]) => use)
    expect(replica).toEqual(['series', 'evidence', 'open data', 'lists'])
  })
})
