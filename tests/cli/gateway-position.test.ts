// `zonetrace gateway add --position LAT,LON` as a user runs it: the position is stored as a GeoJSON Point
// [lon, lat], and a swapped or unreadable one is a usage error that says why, with nothing provisioned.
import { getGateway, openDatabase } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'
import { createSandbox, runCli } from './cli-harness.ts'

const sandbox = sharedFixture(() => createSandbox())
let zone = ''

beforeAll(async () => {
  // Seed through the same database the CLI will open, then let go of it (the embedded one is single-owner).
  const { db } = await openDatabase({ databaseUrl: sandbox.env.DATABASE_URL, dataDir: sandbox.dataDir })
  zone = await seedZone(db)
  await db.close()
}, 120_000)

async function stored(id: string) {
  const { db } = await openDatabase({ databaseUrl: sandbox.env.DATABASE_URL, dataDir: sandbox.dataDir })
  try {
    return await getGateway(db, id)
  } finally {
    await db.close()
  }
}

describe('zonetrace gateway add --position', () => {
  it('stores "lat,lon" as a GeoJSON Point, longitude first', { timeout: 60_000 }, async () => {
    const r = await runCli(
      ['gateway', 'add', '--id', 'gw-cli-pos', '--zone', zone, '--position', '9.93, 106.07'],
      sandbox.env,
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).gatewayId).toBe('gw-cli-pos')
    expect((await stored('gw-cli-pos'))?.position).toEqual({ type: 'Point', coordinates: [106.07, 9.93] })
  })

  it('refuses a swapped or unreadable position with exit 2 and the reason', { timeout: 60_000 }, async () => {
    const swapped = await runCli(
      ['gateway', 'add', '--id', 'gw-cli-swap', '--zone', zone, '--position', '106.07,9.93'],
      sandbox.env,
    )
    expect(swapped.code).toBe(2)
    expect(swapped.stderr).toContain(
      '--position: The position (lat, lon) 106.07, 9.93 lies outside the Mekong Delta',
    )
    expect(swapped.stderr).not.toMatch(/\n\s+at /)
    const junk = await runCli(
      ['gateway', 'add', '--id', 'gw-cli-junk', '--zone', zone, '--position', 'bến tre'],
      sandbox.env,
    )
    expect(junk.code).toBe(2)
    expect(junk.stderr).toContain('"lat,lon" is needed')
    expect(await stored('gw-cli-swap')).toBeNull()
    expect(await stored('gw-cli-junk')).toBeNull()
  })
})
