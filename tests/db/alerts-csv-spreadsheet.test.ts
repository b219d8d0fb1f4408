// The alerts CSV opened by a real spreadsheet (LibreOffice Calc, headless, from Debian's
// libreoffice-calc-nogui), with ',' and with ';' as the separator and formula evaluation on: no cell a
// client wrote may come out as a computed value. Every formula below computes 4242 if it runs.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { csvCell } from '@zonetrace/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)

/** What a client wrote, and what Calc must show of it with ',' as the separator. */
const HOSTILE: [written: string, shown: string][] = [
  ['X;=4200+42', "X;'=4200+42"],
  ['X,=4200+42', 'X,=4200+42'],
  ['=4200+42', "'=4200+42"],
  ['+4200+42', "'+4200+42"],
  ['-4200+8442', "'-4200+8442"],
  ['@SUM(4200;42)', "'@SUM(4200;42)"],
  ['\t=4200+42', "'\t=4200+42"],
  ['=HYPERLINK("http://evil.example";4200+42)', `'=HYPERLINK("http://evil.example";4200+42)`],
  ['a";=4200+42;"', `a";'=4200+42;"`],
  ['VN;=4200+42;x', "VN;'=4200+42;x"],
  ['gw;-4200+8442', "gw;'-4200+8442"],
  ['Độ mặn 3.8 ppt; vượt ngưỡng', 'Độ mặn 3.8 ppt; vượt ngưỡng'],
]

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zt-csv-'))
  const rows = HOSTILE.map(([cell], i) => [i, csvCell(cell), csvCell('ok')].join(','))
  await writeFile(join(dir, 'alerts.csv'), `\uFEFFn,cell,after\r\n${rows.join('\r\n')}\r\n`)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** Opens the CSV with this separator, formulas evaluated, and saves what Calc shows as CSV again. */
async function openInCalc(separator: ',' | ';'): Promise<string> {
  const name = separator === ',' ? 'comma' : 'semicolon'
  await writeFile(join(dir, `${name}.csv`), await readFile(join(dir, 'alerts.csv')))
  // Tokens: separator, quote, UTF-8, first line, column types, language, quoted-as-text=false,
  // detect special numbers=true, …, evaluate formulas=true (the 13th).
  const infilter = `CSV:${separator.charCodeAt(0)},34,76,1,,0,false,true,false,false,false,-1,true`
  await run(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--calc',
      `--infilter=${infilter}`,
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true',
      '--outdir',
      join(dir, 'out'),
      join(dir, `${name}.csv`),
    ],
    { timeout: 120_000 },
  )
  return readFile(join(dir, 'out', `${name}.csv`), 'utf8')
}

describe('alerts CSV in LibreOffice Calc', () => {
  it('runs no client-written formula with "," as the separator, and shows each cell as written', async () => {
    const shown = await openInCalc(',')
    expect(shown).not.toContain('4242')
    expect(shown).not.toMatch(/Err:\d+/)
    const rows = shown.trim().split('\n').slice(1)
    expect(rows).toEqual(HOSTILE.map(([, cell], i) => `${i},"${cell.replaceAll('"', '""')}","ok"`))
  }, 180_000)

  it('runs no client-written formula with ";" as the separator either', async () => {
    const shown = await openInCalc(';')
    expect(shown).not.toContain('4242')
    expect(shown).not.toMatch(/Err:\d+/)
    // One line per alert: no cell broke out of its quotes into a row of its own.
    expect(shown.trim().split('\n')).toHaveLength(1 + HOSTILE.length)
  }, 180_000)
})
