// The README's configuration table and .env.example are generated from the schema (scripts/config-docs.ts);
// this fails when either has drifted from it, or when the schema lists a variable the docs cannot show.
import { fileURLToPath } from 'node:url'
import { ConfigEnv, configDocs, configTable, envExample } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

describe('configuration docs generated from the schema', () => {
  it.each(configDocs(ROOT).map((doc) => [doc.path, doc]))(
    '%s is what `npx tsx scripts/config-docs.ts` writes',
    (_, doc) => {
      expect(doc.current, `${doc.path} has drifted: run npx tsx scripts/config-docs.ts`).toBe(doc.expected)
    },
  )

  it('lists every variable once, with a description, in the table and in .env.example', () => {
    const names = Object.keys(ConfigEnv.properties)
    expect(names).toContain('MAP_TILES_URL')
    expect(names).toContain('MAP_TILES_ATTRIBUTION')
    const table = configTable()
    const example = envExample()
    for (const name of names) {
      expect(table.split(`| \`${name}\` |`)).toHaveLength(2)
      expect(example.match(new RegExp(`^${name}=`, 'gm'))).toHaveLength(1)
      expect(
        (ConfigEnv.properties as Record<string, { description?: string }>)[name]?.description,
      ).toBeTruthy()
    }
  })
})
