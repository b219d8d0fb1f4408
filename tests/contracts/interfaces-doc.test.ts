// docs/interfaces.md against the code it describes: every command and flag in the CLI's usage texts, every
// metric with its unit, and every benchmark's RESULT names, so the page cannot fall behind silently.
import { readdirSync, readFileSync } from 'node:fs'
import { commands } from '@zonetrace/cli'
import { METRIC_NAMES, METRICS } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url)
const doc = readFileSync(new URL('docs/interfaces.md', root), 'utf8')

/** The text under a `### heading` up to the next heading. */
function section(heading: string): string {
  const start = doc.indexOf(`\n### ${heading}\n`)
  if (start < 0) return ''
  const next = doc.slice(start + 1).search(/\n##/)
  return next < 0 ? doc.slice(start) : doc.slice(start, start + 1 + next)
}

describe('docs/interfaces.md', () => {
  it.each(commands.map((c) => [c.name, c.usage]))(
    'documents zonetrace %s and each of its flags',
    (name, usage) => {
      const text = section(`\`zonetrace ${name}\``)
      expect(text, `no section for zonetrace ${name}`).not.toBe('')
      for (const flag of new Set(usage.match(/--[a-z][a-z0-9-]*/g) ?? [])) {
        expect(text, `zonetrace ${name} ${flag}`).toContain(`\`${flag}`)
      }
    },
  )

  it('lists every metric with its canonical unit', () => {
    for (const metric of METRIC_NAMES)
      expect(doc).toContain(`| \`${metric}\` | \`${METRICS[metric].unit}\` |`)
  })

  it("gives each benchmark's RESULT line with the names it prints, in order", () => {
    const scripts = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).scripts as Record<
      string,
      string
    >
    const benches = Object.keys(scripts).filter((s) => s.startsWith('bench:'))
    expect(benches.length).toBeGreaterThan(0)
    const printed = new Map<string, string[]>()
    for (const file of readdirSync(new URL('bench/', root)).filter((f) => f.endsWith('.ts'))) {
      const line = readFileSync(new URL(`bench/${file}`, root), 'utf8').match(/`RESULT ([^`]*)`/)
      if (line)
        printed.set(
          file.replace(/\.ts$/, ''),
          [...line[1]!.matchAll(/(\w+)=\$\{/g)].map((m) => m[1]!),
        )
    }
    for (const script of benches) {
      const names = printed.get(script.slice('bench:'.length))
      expect(names, `${script} prints no RESULT line`).toBeDefined()
      const row = doc.match(new RegExp(`\\| \`npm run ${script}\` \\| \`RESULT ([^\`]*)\``))
      expect(row, `${script} is not in the Benchmarks table`).not.toBeNull()
      expect([...row![1]!.matchAll(/(\w+)=…/g)].map((m) => m[1])).toEqual(names)
    }
  })
})
