// What a shopper's phone reaches in the browser walks: the demo's own data (areas, OCOP products, lots with
// their timelines, 30 days of sensor history with rollups) behind a real HTTP socket, so the pages are the
// ones a new user sees after `npm start`. Each page state the walks need gets its own label or lot.

import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, createToken, loadOrCreateAuthKeys } from '@zonetrace/api'
import {
  backfillDemoHistory,
  DEMO_GROWING_DAYS,
  demoZoneKinds,
  ensureDemoGateways,
  FLAGSHIP_LOT,
  seedDemoRegistry,
  seedDemoTrace,
} from '@zonetrace/cli'
import { loadConfig } from '@zonetrace/contracts'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { getTestDB, type TestDB } from '../helpers/db.ts'

/** Scans after which a serial reads as a likely copy in this world (CLONE_MAX_SCANS). */
export const COPY_AFTER_SCANS = 3

export interface DemoWorld {
  origin: string
  app: FastifyInstance
  test: TestDB
  admin: { authorization: string }
  /** Path and query of a fresh label of `lot`, as a phone requests it after scanning. */
  label(lot?: string): Promise<string>
  close(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

export async function startDemoWorld(): Promise<DemoWorld> {
  const test = await getTestDB()
  const dataDir = await mkdtemp(join(tmpdir(), 'zt-browser-'))
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const logger = pino({ level: 'silent' })
  await seedDemoRegistry(test.db)
  const gateways = (await ensureDemoGateways(test.db, dataDir, logger)).filter((g) => g.sensors.length > 0)
  await backfillDemoHistory(test.db, {
    gateways,
    zoneKinds: demoZoneKinds(),
    seed: 42,
    days: DEMO_GROWING_DAYS,
  })
  await seedDemoTrace(test.db)
  const keys = await loadOrCreateAuthKeys(dataDir)
  const config = loadConfig({
    DATA_DIR: dataDir,
    JOBS: 'off',
    PUBLIC_BASE_URL: origin,
    CLONE_MAX_SCANS: String(COPY_AFTER_SCANS),
    // Every walk comes from one address; the per-client limit is not what these tests are about.
    RESOLVER_RATE_LIMIT: '100000',
  })
  const app = await buildApp({ db: test.db, capabilities: test.capabilities, config, keys })
  await app.jobs.run('rollups')
  await app.listen({ port, host: '127.0.0.1' })
  const admin = { authorization: `Bearer ${await createToken(keys, { role: 'admin', subject: 'walks' })}` }
  return {
    origin,
    app,
    test,
    admin,
    async label(lot = FLAGSHIP_LOT) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/lots/${lot}/labels`,
        headers: admin,
        payload: { count: 1 },
      })
      if (res.statusCode !== 201) throw new Error(`no label for ${lot}: ${res.statusCode} ${res.body}`)
      const url = new URL(res.json().labels[0].url)
      return `${url.pathname}${url.search}`
    },
    async close() {
      await app.close()
      await test.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
