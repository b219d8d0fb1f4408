// GET /health, and what clients see when the database stops answering (fault injected: the API's own
// database handle is closed under it).
import { buildApp } from '@zonetrace/api'
import { openDatabase } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { startHarness } from './harness.ts'

const api = sharedFixture(startHarness)

describe('GET /health', () => {
  it('200 with the backend, the TimescaleDB version and licence, the read replica, and the uptime', async () => {
    const res = await api.app.inject({ url: '/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      status: 'ok',
      db: backendName,
      timescale: { version: api.test.capabilities.timescaleVersion, licence: api.test.capabilities.licence },
      readReplica: 'absent',
      readReplicaLag: null,
      uptimeSeconds: expect.any(Number),
    })
    expect(res.json().uptimeSeconds).toBeGreaterThanOrEqual(0)
  })
})

describe('when the database handle is closed under the API', () => {
  it('/health answers 503 and a read route answers a 500 that hides the cause', async () => {
    // A second handle on the same test database (a fresh in-memory one on embedded), so the shared one lives on.
    const { db } = await openDatabase({ databaseUrl: api.test.url, migrate: false, poolSize: 1 })
    const app = await buildApp({
      db,
      capabilities: api.test.capabilities,
      config: api.config,
      keys: api.keys,
    })
    try {
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200)
      await db.close()

      const health = await app.inject({ url: '/health' })
      expect(health.statusCode).toBe(503)
      expect(health.json()).toEqual({
        status: 'unavailable',
        db: backendName,
        error: 'database did not answer',
        uptimeSeconds: expect.any(Number),
      })

      const zones = await app.inject({ url: '/api/v1/zones' })
      expect(zones.statusCode).toBe(500)
      expect(zones.json()).toEqual({ error: 'internal error' })
    } finally {
      await app.close()
    }
  })
})
