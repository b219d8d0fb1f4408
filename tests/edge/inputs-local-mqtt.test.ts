// The agent's local broker for LAN nodes, driven by a real MQTT.js client over TCP: a PUBACK means the
// spool has the readings, a refusal leaves them with the node, and nothing a node sends is lost silently.
import { buildSenmlPack, Quality } from '@zonetrace/contracts'
import { type AgentReading, LOCAL_CONFIG_TOPIC, localReadingsTopic } from '@zonetrace/edge-agent'
import type { IClientOptions, MqttClient } from 'mqtt'
import { describe, expect, it } from 'vitest'
import { grantedQos } from '../helpers/mqtt-suback.ts'
import { sleep, until } from '../helpers/wait.ts'
import { lanNodes } from './lan-nodes.ts'

const T = Date.UTC(2025, 2, 15, 1, 30)
const NOW = Date.UTC(2025, 2, 15, 2, 0)

const lan = lanNodes()

interface Call {
  readings: AgentReading[]
  resolve(): void
  reject(err: Error): void
}

function heldSink(auto?: 'resolve' | 'reject') {
  const calls: Call[] = []
  return {
    calls,
    accept(readings: AgentReading[]) {
      if (auto === 'resolve') {
        calls.push({ readings, resolve() {}, reject() {} })
        return Promise.resolve()
      }
      if (auto === 'reject') {
        calls.push({ readings, resolve() {}, reject() {} })
        return Promise.reject(new Error('spool full'))
      }
      return new Promise<void>((resolve, reject) => calls.push({ readings, resolve, reject }))
    },
  }
}

const silent = { debug() {}, info() {}, warn() {}, error() {} }

async function startInput(sink: ReturnType<typeof heldSink>, auth?: { username: string; password: string }) {
  return lan.start({ host: '127.0.0.1', port: 0, sink, auth, log: silent, now: () => NOW })
}

const connect = (nodeId: string, opts: IClientOptions = {}) => lan.connect(nodeId, opts)

function pubacksOf(client: MqttClient): number[] {
  const ids: number[] = []
  client.on('packetreceive', (p) => {
    if (p.cmd === 'puback') ids.push(p.messageId!)
  })
  return ids
}

const pack = (values: Parameters<typeof buildSenmlPack>[2], q?: Parameters<typeof buildSenmlPack>[3]) =>
  JSON.stringify(buildSenmlPack('node-1-s1', T, values, q))

describe('startLocalMqttInput', () => {
  it('holds the PUBACK until accept() resolves', async () => {
    const sink = heldSink()
    await startInput(sink)
    const client = await connect('node-1')
    const pubacks = pubacksOf(client)
    let acknowledged = false
    const published = client.publishAsync(localReadingsTopic('node-1'), pack({ salinity: 12.5, ph: 7.8 }), {
      qos: 1,
    })
    published.then(() => {
      acknowledged = true
    })
    await until('the accept call', () => sink.calls.length === 1)
    // Room for a premature PUBACK to arrive, were the broker to send one.
    await sleep(100)
    expect(pubacks).toEqual([])
    expect(acknowledged).toBe(false)
    sink.calls[0]!.resolve()
    await published
    expect(pubacks).toHaveLength(1)
    expect(sink.calls[0]!.readings).toEqual([
      { sensorId: 'node-1-s1', metric: 'salinity', time: T, value: 12.5, quality: Quality.good },
      { sensorId: 'node-1-s1', metric: 'ph', time: T, value: 7.8, quality: Quality.good },
    ])
    expect(lan.input!.stats()).toMatchObject({ packsAccepted: 1, readingsAccepted: 2, connectedNodes: 1 })
  })

  it('on close(), lets a pack being spooled finish and acknowledges it before the connection goes', async () => {
    const sink = heldSink()
    await startInput(sink)
    const client = await connect('node-1')
    const published = client.publishAsync(localReadingsTopic('node-1'), pack({ salinity: 9 }), { qos: 1 })
    await until('the accept call', () => sink.calls.length === 1)
    const closing = lan.input!.close()
    sink.calls[0]!.resolve()
    await published
    await closing
  })

  it('closes the connection without a PUBACK when the spool refuses, so the node keeps the reading', async () => {
    // Fault injected: accept() rejects (spool full). What must survive: the pack, unacknowledged at the node.
    const sink = heldSink('reject')
    await startInput(sink)
    const client = await connect('node-1')
    const pubacks = pubacksOf(client)
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
    client.publishAsync(localReadingsTopic('node-1'), pack({ salinity: 12.5 }), { qos: 1 }).catch(() => {})
    await closed
    expect(pubacks).toEqual([])
    expect(sink.calls).toHaveLength(1)
    expect(lan.input!.stats()).toMatchObject({ refusedPacks: 1, packsAccepted: 0 })
  })

  it('acknowledges and counts a malformed pack, and keeps the good records of a partly bad one', async () => {
    const sink = heldSink('resolve')
    await startInput(sink)
    const client = await connect('node-1')
    await client.publishAsync(localReadingsTopic('node-1'), 'not json at all', { qos: 1 })
    await client.publishAsync(localReadingsTopic('node-1'), JSON.stringify([{ n: 'x', v: 1 }]), { qos: 1 })
    const partly = [
      { bn: 'node-1-s1:', bt: T / 1000, n: 'salinity', u: 'ppt', v: 3 },
      { n: 'salinity', u: 'mg/L', v: 3 },
    ]
    await client.publishAsync(localReadingsTopic('node-1'), JSON.stringify(partly), { qos: 1 })
    expect(sink.calls.map((c) => c.readings.length)).toEqual([1])
    expect(lan.input!.stats()).toMatchObject({ malformedPacks: 2, rejectedRecords: 1, packsAccepted: 1 })
    expect(client.connected).toBe(true)
  })

  it('carries zq into the reading quality and resolves relative times with the given clock', async () => {
    const sink = heldSink('resolve')
    await startInput(sink)
    const client = await connect('node-1')
    await client.publishAsync(
      localReadingsTopic('node-1'),
      pack({ dissolved_oxygen: 4.2, temperature: 29 }, { dissolved_oxygen: Quality.calibrating }),
      { qos: 1 },
    )
    await client.publishAsync(
      localReadingsTopic('node-1'),
      JSON.stringify([{ n: 'node-1-s1:ph', v: 7.5, t: -5, zq: Quality.clockSuspect }]),
      { qos: 1 },
    )
    expect(sink.calls.flatMap((c) => c.readings.map((r) => [r.metric, r.quality, r.time]))).toEqual([
      ['dissolved_oxygen', Quality.calibrating, T],
      ['temperature', Quality.good, T],
      ['ph', Quality.clockSuspect, NOW - 5000],
    ])
  })

  it('requires the configured username and password', async () => {
    await startInput(heldSink('resolve'), { username: 'lan', password: 'ao-tom-2025' })
    for (const opts of [
      {},
      { username: 'lan', password: 'wrong' },
      { username: 'other', password: 'ao-tom-2025' },
    ]) {
      const err = await connect('node-1', opts).then(
        () => undefined,
        (e: { code?: number }) => e,
      )
      expect(err?.code, JSON.stringify(opts)).toBe(4)
    }
    const ok = await connect('node-1', { username: 'lan', password: 'ao-tom-2025' })
    expect(ok.connected).toBe(true)
    expect(lan.input!.stats().authFailures).toBe(3)
  })

  it('hands the announced config, retained, to a node that subscribes later', async () => {
    await startInput(heldSink('resolve'))
    await lan.input!.announceConfig({ samplingSeconds: 300 })
    const client = await connect('node-1')
    const received = new Promise<string>((resolve) =>
      client.once('message', (_t, p) => resolve(p.toString())),
    )
    expect(await grantedQos(client, LOCAL_CONFIG_TOPIC)).toEqual([1])
    expect(JSON.parse(await received)).toEqual({ samplingSeconds: 300 })
  })

  it("lets a node subscribe only under its own topic and refuses publishing to another node's", async () => {
    await startInput(heldSink('resolve'))
    const client = await connect('node-1')
    expect(await grantedQos(client, 'zt/v1/local/node-1/#')).toEqual([1])
    expect(await grantedQos(client, 'zt/v1/local/node-2/#')).toEqual([128])
    expect(await grantedQos(client, 'zt/v1/local/+/readings')).toEqual([128])
    expect(await grantedQos(client, '#')).toEqual([128])
    expect(client.connected).toBe(true)

    // The shared config is the agent's to write, not a node's.
    const closedByConfig = new Promise<void>((resolve) => client.once('close', () => resolve()))
    client.publishAsync(LOCAL_CONFIG_TOPIC, '{"samplingSeconds":1}', { qos: 1 }).catch(() => {})
    await closedByConfig

    const other = await connect('node-1b')
    const closed = new Promise<void>((resolve) => other.once('close', () => resolve()))
    other.publishAsync(localReadingsTopic('node-2'), pack({ salinity: 1 }), { qos: 1 }).catch(() => {})
    await closed
    expect(lan.input!.stats()).toMatchObject({ aclDenials: 5, packsAccepted: 0 })
  })
})
