// Failed statements are logged by what failed, never by the values they carried: not the parameters
// (PGlite and drizzle attach them), not the row Postgres quotes in `detail`, not the input a data
// exception quotes. The logger is the one every zonetrace process uses (cli/src/logger.ts).
import { Writable } from 'node:stream'
import { createLogger } from '@zonetrace/cli'
import { schema } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'

const SECRET = 'whsec-5ecret-value-never-logged'
const testDb = sharedFixture(getTestDB)

beforeAll(async () => {
  await seedZone(testDb.db)
})

/** Logs the error the statement throws, as a zonetrace process would, and returns the JSON line. */
async function loggedFailure(
  statement: () => Promise<unknown>,
): Promise<Record<string, unknown> & { text: string }> {
  const err = await statement().then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(Error)
  let text = ''
  const sink = new Writable({
    write(chunk, _enc, done) {
      text += chunk
      done()
    },
  })
  createLogger('info', sink).warn({ err, webhook: { secret: SECRET } }, 'statement failed')
  return { ...JSON.parse(text), text }
}

describe('a failed statement in the log', () => {
  it('carries its SQLSTATE and statement, not its parameters or the input it refused', async () => {
    const line = await loggedFailure(() => testDb.db.query('select $1::int as n', [SECRET]))
    expect(line.text).not.toContain(SECRET)
    expect(line.err).toMatchObject({
      code: '22P02',
      message: 'invalid input syntax for type integer: "[redacted]"',
    })
    expect(line.webhook).toEqual({ secret: '[Redacted]' })
  })

  it('carries the constraint, not the failing row Postgres quotes in its detail', async () => {
    const line = await loggedFailure(() =>
      testDb.db.query(
        `insert into growing_areas (code, name, crop, commune_code) values ($1, $2, 'coconut', 'bad')`,
        ['VN-LOG-01', SECRET],
      ),
    )
    expect(line.text).not.toContain(SECRET)
    expect(line.err).toMatchObject({ code: '23514', constraint: 'growing_areas_commune_code_check' })
  })

  it('drops the params drizzle writes into its own message', async () => {
    const line = await loggedFailure(() =>
      testDb.db.orm
        .insert(schema.gateways)
        .values({ id: 'gw-log', zoneCode: 'VN-NO-SUCH-ZONE', secretHash: SECRET }),
    )
    expect(line.text).not.toContain(SECRET)
    expect((line.err as { message: string }).message).toMatch(/^Failed query: insert into "gateways"/)
    expect((line.err as { cause: { code: string } }).cause.code).toBe('23503')
  })
})
