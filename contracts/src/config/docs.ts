// The README's configuration table and .env.example, written from ConfigEnv so neither can fall behind
// the variables the code reads. scripts/config-docs.ts writes or checks them; a test fails on drift.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TSchema } from 'typebox'
import { ConfigEnv } from './schema.ts'
import { defaultText, notesOf } from './variables.ts'

const TABLE_START = '<!-- config:start -->'
const TABLE_END = '<!-- config:end -->'
const COMMENT_WIDTH = 110

const variables = (): [string, TSchema][] => Object.entries(ConfigEnv.properties)

/** The default cell: the schema's wording where the default is not one value, else the value as text. */
function defaultCell(variable: TSchema): string {
  const given = notesOf(variable)['x-default-text']
  if (given !== undefined) return given
  const text = defaultText(variable)
  return text === undefined ? 'unset' : `\`${text}\``
}

/** The markdown table that sits between TABLE_START and TABLE_END in README.md. */
export function configTable(): string {
  const rows = variables().map(
    ([name, variable]) => `| \`${name}\` | ${defaultCell(variable)} | ${notesOf(variable).description} |`,
  )
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n')
}

/** .env.example: each variable at its default (blank when it has none), its description above it. */
export function envExample(): string {
  const header = [
    '# Every variable zonetrace reads (see README § Configuration). Copy to .env for docker compose.',
    '# Blank means unset. Generated from contracts/src/config/schema.ts: edit the schema, then run',
    '# `npx tsx scripts/config-docs.ts`.',
  ]
  const entries = variables().map(([name, variable]) => {
    const given = notesOf(variable)['x-default-text']
    const note = given === undefined || given === 'unset' ? '' : ` Default: ${plain(given)}.`
    const comment = wrap(`${plain(notesOf(variable).description)}.${note}`, COMMENT_WIDTH - 2)
    return [...comment.map((line) => `# ${line}`), `${name}=${defaultText(variable) ?? ''}`].join('\n')
  })
  return `${[header.join('\n'), ...entries].join('\n\n')}\n`
}

/** README.md with its configuration table replaced by `table`; refuses a README without both markers. */
function withConfigTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START)
  const end = readme.indexOf(TABLE_END)
  if (start < 0 || end < start)
    throw new Error(`README.md needs ${TABLE_START} and ${TABLE_END} around the table`)
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`
}

interface GeneratedDoc {
  /** Relative to the repository root. */
  path: string
  current: string
  expected: string
}

/** Each generated file as it is under `root` and as the schema would write it. */
export function configDocs(root: string): GeneratedDoc[] {
  const read = (path: string) => readFileSync(join(root, path), 'utf8')
  const readme = read('README.md')
  return [
    { path: 'README.md', current: readme, expected: withConfigTable(readme, configTable()) },
    { path: '.env.example', current: read('.env.example'), expected: envExample() },
  ]
}

/** Markdown to comment text: no code ticks, links as their targets (README anchors as README.md#…). */
function plain(markdown: string): string {
  return markdown
    .replace(/\[[^\]]*\]\(([^)]+)\)/g, (_, target: string) =>
      target.startsWith('#') ? `README.md${target}` : target,
    )
    .replaceAll('`', '')
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  return [...lines, line]
}
