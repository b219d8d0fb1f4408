// The sender over a real spool on disk and a real MQTT broker (a bare aedes: acknowledging is all it
// needs to do here).
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type AgentReading,
  createSender,
  encodeReadings,
  openFileSpool,
  type SpoolStore,
} from '@zonetrace/edge-agent'
import { Aedes } from 'aedes'
import mqtt, { type MqttClient } from 'mqtt'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let dir: string
let spool: SpoolStore
let server: Server
let broker: Aedes
let client: MqttClient
const published: string[] = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zt-sender-'))
  spool = await openFileSpool({ dir, maxBytes: 64 * 1024 * 1024, whenFull: 'reject_new', fsync: 'always' })
  broker = await Aedes.createBroker()
  broker.on('publish', (packet, c) => {
    if (c) published.push(packet.payload.toString())
  })
  server = createServer(broker.handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0 })
  published.length = 0
})
afterEach(async () => {
  await client.endAsync()
  await new Promise<void>((resolve) => broker.close(() => resolve()))
  server.close()
  await spool.close()
  await rm(dir, { recursive: true, force: true })
})

const reading = (i: number): AgentReading => ({
  sensorId: 'gw-s1',
  metric: 'ph',
  time: Date.UTC(2026, 10, 1) + i * 1000,
  value: 7 + i / 1000,
  quality: 0,
})

describe('uplink sender', () => {
  // Fault injected: the link comes up while entries are still being fsync'd, so the first read of the
  // backlog finds nothing readable yet. Must survive: those entries are sent once their appends finish,
  // on the same connection, not left until the next reconnect.
  it('sends backlog entries whose appends were still in flight when the connection came up', async () => {
    const appends = Array.from({ length: 40 }, (_, i) => spool.append([encodeReadings([reading(i)])]))
    const sender = createSender({ client, spool, gatewayId: 'gw', window: 4, packReadings: 10 })
    sender.pump()
    await Promise.all(appends)
    sender.pump() // what the agent's sink does after every append
    await expect.poll(() => spool.stats().depth, { timeout: 10_000 }).toBe(0)
    const values = published.flatMap((p) => (JSON.parse(p) as { v: number }[]).map((r) => r.v))
    expect(values.sort()).toEqual(Array.from({ length: 40 }, (_, i) => reading(i).value).sort())
    sender.stop()
  })

  it('interleaves live entries with the backlog instead of queueing them behind it', async () => {
    for (let i = 0; i < 50; i++) await spool.append([encodeReadings([reading(i)])])
    const sender = createSender({ client, spool, gatewayId: 'gw', window: 1, packReadings: 5 })
    await spool.append([encodeReadings([reading(1000)])])
    sender.pump()
    await expect.poll(() => spool.stats().depth, { timeout: 10_000 }).toBe(0)
    // Live goes first: the reading appended after the connection began leads the first pack.
    const first = JSON.parse(published[0]!) as { v: number }[]
    expect(first.map((r) => r.v)).toEqual([reading(1000).value])
    expect(published).toHaveLength(11)
    sender.stop()
  })
})
