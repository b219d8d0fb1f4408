// startApi on a real socket (port 0): it listens, answers over HTTP, and closes cleanly.
import { startApi } from '@zonetrace/api'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { startHarness } from './harness.ts'

const harness = sharedFixture(startHarness)

const options = () => ({
  db: harness.test.db,
  capabilities: harness.test.capabilities,
  config: harness.config,
  keys: harness.keys,
})

describe('startApi', () => {
  it('serves over HTTP on the port it was given and stops on close', async () => {
    const api = await startApi({ ...options(), port: 0, host: '127.0.0.1', logger: false })
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const health = await fetch(`${api.url}/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok' })

    const refused = await fetch(`${api.url}/api/v1/gateways`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'gw-server', zone: harness.zone }),
    })
    expect(refused.status).toBe(401)

    await Promise.all([api.close(), api.close()])
    await expect(fetch(`${api.url}/health`)).rejects.toThrow()
    // The database belongs to the caller and is still usable.
    expect(await harness.test.db.query('select 1 as one')).toEqual([{ one: 1 }])
  })

  it('fails with the listen error when the port is taken, without leaving a server behind', async () => {
    const first = await startApi({ ...options(), port: 0, host: '127.0.0.1', logger: false })
    const port = Number(new URL(first.url).port)
    try {
      await expect(startApi({ ...options(), port, host: '127.0.0.1', logger: false })).rejects.toThrow(
        /EADDRINUSE/,
      )
    } finally {
      await first.close()
    }
  })
})
