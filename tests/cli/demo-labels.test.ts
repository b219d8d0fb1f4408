// The demo's printed label after `zonetrace keys revoke`: a restart issues fresh labels under a live key,
// so the banner and demo.json never show a label that reads "unknown or revoked key". No sensor history,
// broker or API: only what decides the printed link.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLabelKeyring } from '@zonetrace/api'
import {
  banner,
  DEMO_LABELS_FILE,
  demoInfo,
  ensureDemoLabels,
  FLAGSHIP_LOT,
  seedDemoRegistry,
  seedDemoTrace,
} from '@zonetrace/cli'
import { verifyLabelUrl } from '@zonetrace/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'

const BASE = 'http://localhost:3000'
const testDb = sharedFixture(getTestDB)
let dataDir: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zt-demo-labels-'))
  await seedDemoRegistry(testDb.db)
  await seedDemoTrace(testDb.db)
}, 60_000)
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

const kidOf = (url: string) => new URL(url).searchParams.get('k')

describe('demo label after a key revocation', () => {
  it('keeps its labels while their key is live, and issues fresh ones under a live key once it is revoked', async () => {
    const first = await ensureDemoLabels(testDb.db, openLabelKeyring(dataDir), dataDir, BASE)
    expect(first.lotId).toBe(FLAGSHIP_LOT)
    expect(first.labels).toHaveLength(5)
    // A restart with the key still live: the same labels.
    expect(await ensureDemoLabels(testDb.db, openLabelKeyring(dataDir), dataDir, BASE)).toEqual(first)

    // `zonetrace keys rotate` then `revoke` of the key the demo labels were signed with, between two starts.
    const cli = openLabelKeyring(dataDir)
    const revokedKid = kidOf(first.labels[0]!.url)!
    const { kid: liveKid } = await cli.rotate()
    await cli.revoke(revokedKid)

    const ring = openLabelKeyring(dataDir)
    const jwks = await ring.jwks()
    expect(verifyLabelUrl(first.labels[0]!.url, jwks)).toMatchObject({
      authentic: false,
      reason: 'unknown_key',
    })
    const second = await ensureDemoLabels(testDb.db, ring, dataDir, BASE)
    expect(second.labels).toHaveLength(5)
    expect(second.labels.map((l) => kidOf(l.url))).toEqual(Array(5).fill(liveKid))
    for (const l of second.labels)
      expect(verifyLabelUrl(l.url, jwks)).toMatchObject({ authentic: true, kid: liveKid })
    expect(second.labels.map((l) => l.serial)).not.toContain(first.labels[0]!.serial)
    expect(JSON.parse(await readFile(join(dataDir, DEMO_LABELS_FILE), 'utf8'))).toEqual(second)

    // What the banner prints and demo.json holds.
    const info = demoInfo({
      apiPort: 3000,
      mqttPort: 1883,
      adminToken: 'token',
      database: 'embedded',
      gateways: [],
      labelUrl: second.labels[0]!.url,
      accounts: [{ role: 'officer', email: 'canbo@zonetrace.example', password: 'p4ssw0rd-demo' }],
    })
    expect(info.consumerUrl).toBe(second.labels[0]!.url)
    expect(verifyLabelUrl(String(info.consumerUrl), jwks)).toMatchObject({ authentic: true, kid: liveKid })
    expect(banner(info, join(dataDir, 'demo.json'))).toContain(`  ${second.labels[0]!.url}\n`)
    expect(info.consoleUrl).toBe('http://localhost:3000/console')
    expect(banner(info, join(dataDir, 'demo.json'))).toContain(
      'Console (sign in at http://localhost:3000/console; a cooperative lands in its workspace, /workspace, on a phone):\n  officer      canbo@zonetrace.example  p4ssw0rd-demo\n',
    )
  })
})
