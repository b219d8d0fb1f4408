// The spine end to end, over real sockets: provision a gateway through the HTTP API, publish SenML over MQTT
// (mqtt.js, and mosquitto_pub when it is installed: CI installs it), read the readings back from the series
// route over HTTP.
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createToken, loadOrCreateAuthKeys, startApi } from '@zonetrace/api'
import { startBroker } from '@zonetrace/broker'
import { type GatewayCredentials, loadConfig, topics } from '@zonetrace/contracts'
import mqtt from 'mqtt'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { getZonedTestDB } from '../helpers/fixtures.ts'

const run = promisify(execFile)
const hasMosquitto = await run('mosquitto_pub', ['--help']).then(
  () => true,
  (err: { code?: unknown }) => err.code !== 'ENOENT',
)

/** The spine on real sockets: a broker and an API on one test database with a zone, and two tokens. */
const spine = sharedFixture(async () => {
  const testDb = await getZonedTestDB()
  const dataDir = await mkdtemp(join(tmpdir(), 'zt-e2e-'))
  const keys = await loadOrCreateAuthKeys(dataDir)
  const logger = pino({ level: 'silent' })
  const broker = await startBroker({ db: testDb.db, port: 0, host: '127.0.0.1', logger })
  const api = await startApi({
    db: testDb.db,
    capabilities: testDb.capabilities,
    config: loadConfig({ DATA_DIR: dataDir, JOBS: 'off' }),
    keys,
    port: 0,
    host: '127.0.0.1',
    logger: false,
  })
  return {
    zone: testDb.zone,
    broker,
    api,
    adminToken: await createToken(keys, { role: 'admin' }),
    officerToken: await createToken(keys, { role: 'officer' }),
    async close() {
      await broker.close()
      await api.close()
      await testDb.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
})

async function provision(id: string, token = spine.adminToken): Promise<Response> {
  return fetch(`${spine.api.url}/api/v1/gateways`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, zone: spine.zone, sensors: ['salinity', 'ph', 'dissolved_oxygen'] }),
  })
}

async function series(
  sensorId: string,
  metric: string,
  fromMs: number,
): Promise<{ points: { count: number; avg: number }[] }> {
  const q = new URLSearchParams({
    metric,
    from: new Date(fromMs).toISOString(),
    to: new Date(fromMs + 3_600_000).toISOString(),
    bucket: '1h',
  })
  const res = await fetch(`${spine.api.url}/api/v1/sensors/${sensorId}/series?${q}`)
  expect(res.status).toBe(200)
  return (await res.json()) as { points: { count: number; avg: number }[] }
}

const mqttUrl = () => `mqtt://127.0.0.1:${spine.broker.port}`

describe(`sensor → MQTT → TimescaleDB → API (${backendName})`, () => {
  it('refuses gateway provisioning without the admin role', async () => {
    expect((await provision('gw-e2e-x', 'garbage')).status).toBe(401)
    expect((await provision('gw-e2e-x', spine.officerToken)).status).toBe(403)
  })

  it('stores a pack published by mqtt.js and serves it from the series route', async () => {
    const res = await provision('gw-e2e-mqttjs')
    expect(res.status).toBe(201)
    const creds = (await res.json()) as GatewayCredentials
    const sensorId = creds.sensors[0]!.sensorId
    const bt = Date.UTC(2026, 2, 1, 5, 0, 0) / 1000
    const client = await mqtt.connectAsync(mqttUrl(), { username: creds.username, password: creds.password })
    await client.publishAsync(
      topics.readings(creds.gatewayId),
      JSON.stringify([
        { bn: `${sensorId}:`, bt },
        { n: 'salinity', u: 'ppt', v: 4.2 },
        { n: 'dissolved_oxygen', u: 'mg/L', v: 2.1, t: 60 },
      ]),
      { qos: 1 },
    )
    await client.endAsync()
    expect((await series(sensorId, 'salinity', bt * 1000)).points).toEqual([
      expect.objectContaining({ count: 1, avg: 4.2 }),
    ])
    expect((await series(sensorId, 'dissolved_oxygen', bt * 1000)).points).toEqual([
      expect.objectContaining({ count: 1, avg: 2.1 }),
    ])
  })

  it.skipIf(!hasMosquitto)(
    'stores a pack published by mosquitto_pub, and refuses anonymous and wrong passwords',
    async () => {
      const creds = (await (await provision('gw-e2e-mosquitto')).json()) as GatewayCredentials
      const sensorId = creds.sensors[0]!.sensorId
      const bt = Date.UTC(2026, 2, 2, 5, 0, 0) / 1000
      const pack = JSON.stringify([
        { bn: `${sensorId}:`, bt },
        { n: 'ph', v: 7.8 },
      ])
      const base = [
        '-h',
        '127.0.0.1',
        '-p',
        String(spine.broker.port),
        '-q',
        '1',
        '-t',
        topics.readings(creds.gatewayId),
        '-m',
        pack,
      ]
      await run('mosquitto_pub', [...base, '-u', creds.username, '-P', creds.password])
      expect((await series(sensorId, 'ph', bt * 1000)).points).toEqual([
        expect.objectContaining({ count: 1, avg: 7.8 }),
      ])

      await expect(run('mosquitto_pub', base)).rejects.toMatchObject({
        stderr: expect.stringMatching(/not authori[sz]ed/i),
      })
      await expect(
        run('mosquitto_pub', [...base, '-u', creds.username, '-P', 'wrong']),
      ).rejects.toMatchObject({
        stderr: expect.stringMatching(/bad user name or password|not authori[sz]ed/i),
      })
    },
  )
})
