// The agent-mqtt target against a real local aedes broker (no auth), as the edge agent's local input.
import { createPackSource, localReadingsTopic, startSimulator } from '@zonetrace/firmware-sim'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { until } from '../helpers/wait.ts'
import { type LocalBroker, recordingLogger, startLocalBroker } from './local-broker.ts'
import { gateway } from './model.ts'

const START = Date.UTC(2026, 2, 10, 17)
let broker: LocalBroker

beforeEach(async () => {
  broker = await startLocalBroker()
})
afterEach(async () => {
  await broker.close()
})

const packsOf = (nodeId: string) =>
  broker.received.filter((r) => r.topic === localReadingsTopic(nodeId)).map((r) => JSON.parse(r.payload))

describe('--target agent-mqtt', () => {
  it('publishes the model’s SenML packs on zt/v1/local/{nodeId}/readings, without credentials', async () => {
    const nodes = [gateway('node-1', 2), gateway('node-2', 2)]
    const sim = await startSimulator({
      target: { kind: 'agent-mqtt', url: broker.url },
      gateways: nodes,
      intervalSeconds: 60,
      speed: 600,
      seed: 12,
      startMs: START,
      logger: recordingLogger(),
      progressEverySeconds: 0,
    })
    try {
      await until(
        'ten packs from each node',
        () => packsOf('node-1').length >= 10 && packsOf('node-2').length >= 10,
      )
    } finally {
      await sim.stop()
    }
    expect(new Set(broker.connects)).toEqual(new Set(['node-1', 'node-2']))
    // Same seed and start: exactly the packs the model gives, in order.
    nodes.forEach((node, index) => {
      const model = createPackSource({ gateway: node, seed: 12, index, intervalSeconds: 60, startMs: START })
      for (const pack of packsOf(node.gatewayId)) expect(pack).toEqual(model.next().pack)
    })
    expect(broker.received.every((r) => r.topic.startsWith('zt/v1/local/'))).toBe(true)
  })

  it('power loss: the node goes silent, then reconnects and carries on', async () => {
    // Injects: power-loss. Must survive: the session (a new CONNECT after the cut) and every sample after it.
    const node = gateway('node-1')
    const firstCut = (seed: number) => {
      const src = createPackSource({
        gateway: node,
        seed,
        index: 0,
        intervalSeconds: 60,
        startMs: START,
        faults: ['power-loss'],
      })
      for (let k = 0; k < 20_000; k++) {
        if (!src.next().powered) {
          let back = k + 1
          while (!src.next().powered) back++
          return { seed, down: k, back }
        }
      }
      return { seed, down: Number.POSITIVE_INFINITY, back: Number.POSITIVE_INFINITY }
    }
    // The seed with the earliest cut keeps the run short.
    const cut = [1, 2, 3, 4, 5, 6, 7, 8].map(firstCut).sort((a, b) => a.down - b.down)[0]!
    const timeOf = (k: number) => START + k * 60_000
    const sim = await startSimulator({
      target: { kind: 'agent-mqtt', url: broker.url },
      gateways: [node],
      intervalSeconds: 60,
      speed: Math.max(600, ((cut.back + 30) * 60) / 3), // past the cut in about three seconds
      seed: cut.seed,
      faults: ['power-loss'],
      startMs: START,
      logger: recordingLogger(),
      progressEverySeconds: 0,
    })
    const times = () => packsOf('node-1').map((p) => Math.round(p[0].bt * 1000))
    try {
      await until(
        'packs from after the power returns',
        () => times().some((t) => t >= timeOf(cut.back + 5)),
        {
          timeoutMs: 30_000,
        },
      )
    } finally {
      await sim.stop()
    }
    expect(broker.connects.filter((c) => c === 'node-1').length).toBeGreaterThanOrEqual(2)
    const t = times()
    expect(t.filter((x) => x >= timeOf(cut.down) && x < timeOf(cut.back))).toEqual([])
    expect(t.some((x) => x < timeOf(cut.down))).toBe(true)
    expect(t).toContain(timeOf(cut.back + 1))
  })

  it('load mode: hundreds of nodes connect at the set rate, with progress reported, and all publish', async () => {
    const nodes = Array.from({ length: 300 }, (_, i) => gateway(`node-${i + 1}`))
    const logger = recordingLogger()
    const rate = 150
    const sim = await startSimulator({
      target: { kind: 'agent-mqtt', url: broker.url },
      gateways: nodes,
      intervalSeconds: 60,
      speed: 60,
      seed: 3,
      connectRate: rate,
      logger,
      progressEverySeconds: 0,
    })
    try {
      await until(
        'a pack from every node',
        () => new Set(broker.received.map((r) => r.clientId)).size === nodes.length,
      )
    } finally {
      await sim.stop()
    }
    expect(new Set(broker.connects).size).toBe(nodes.length)
    // Staggered, not all at once: connections spread over about count / rate seconds.
    const span = Math.max(...broker.connectTimes) - Math.min(...broker.connectTimes)
    expect(span).toBeGreaterThan((0.8 * (nodes.length - 1) * 1000) / rate)
    const progress = logger.entries.filter((e) => e.msg === 'connecting gateways')
    expect(progress.length).toBeGreaterThan(0)
    expect(progress[0]!.obj).toMatchObject({ total: nodes.length })
    expect(logger.entries.some((e) => e.msg === 'all gateways connected')).toBe(true)
  })
})
