import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { COOP_A, COOP_B, startWorkspaceHarness } from './workspace-fixture.ts'

const ws = sharedFixture(() => startWorkspaceHarness(), 60_000)

describe('workspace fixture', () => {
  it('signs both cooperatives in, each seeing only its own lot', async () => {
    expect((await ws.coopA.get('/workspace')).statusCode).toBe(200)
    const own = await ws.coopA.json('GET', `/api/v1/lots/${COOP_A.lotId}`)
    expect(own.statusCode).toBe(200)
    expect((await ws.coopA.json('GET', `/api/v1/lots/${COOP_B.lotId}`)).statusCode).toBe(404)
    const note = await ws.coopB.json('PATCH', `/api/v1/lots/${COOP_B.lotId}`, { note: 'ok' })
    expect(note.statusCode).toBe(200)
  })
})
