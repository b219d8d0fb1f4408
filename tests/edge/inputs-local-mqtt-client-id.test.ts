// A LAN node's MQTT client id is its node id. MQTT 3.1.1 gives a refused PUBLISH no reason code (the
// node just loses its connection), so the agent's warn line must say which client id would be let in:
// that is all a new user running `mosquitto_pub` without `-i` has to go on.
import { buildSenmlPack } from '@zonetrace/contracts'
import { type AgentReading, localReadingsTopic } from '@zonetrace/edge-agent'
import type { MqttClient } from 'mqtt'
import { describe, expect, it } from 'vitest'
import { lanNodes } from './lan-nodes.ts'

const T = Date.UTC(2025, 2, 15, 1, 30)

const lan = lanNodes()

interface Line {
  obj: Record<string, unknown>
  msg: string | undefined
}

async function startCapturing(): Promise<{ warnings: Line[]; accepted: AgentReading[][] }> {
  const warnings: Line[] = []
  const accepted: AgentReading[][] = []
  const ignore = () => {}
  await lan.start({
    port: 0,
    sink: { accept: async (readings) => void accepted.push(readings) },
    log: {
      debug: ignore,
      info: ignore,
      error: ignore,
      warn: (obj, msg) => warnings.push({ obj: { ...obj }, msg }),
    },
  })
  return { warnings, accepted }
}

const connect = (clientId: string) => lan.connect(clientId)

/** Publishes at QoS 1 and resolves when the agent drops the connection instead of acknowledging. */
function publishRefused(client: MqttClient, topic: string, payload: string): Promise<void> {
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
  client.publishAsync(topic, payload, { qos: 1 }).catch(() => {})
  return closed
}

const pack = JSON.stringify(buildSenmlPack('node-7-s1', T, { salinity: 4.2 }))

describe('a LAN node whose client id is not the node id in its topic', () => {
  it('is refused with a warn line that names the client id the topic expects', async () => {
    const { warnings, accepted } = await startCapturing()
    // What `mosquitto_pub` 2.0 sends without -i: an empty client id, for which aedes makes up
    // `aedes_<uuid>`. The connection is accepted; the publish is not.
    const stranger = await connect('')
    await publishRefused(stranger, localReadingsTopic('node-7'), pack)

    expect(accepted).toEqual([])
    expect(lan.input!.stats()).toMatchObject({ aclDenials: 1, packsAccepted: 0 })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.obj).toMatchObject({
      nodeId: expect.stringMatching(/^aedes_/),
      topic: 'zt/v1/local/node-7/readings',
      expectedClientId: 'node-7',
    })
    expect(warnings[0]!.msg).toMatch(/client id/)

    // The same pack from a client named as the log line says goes through.
    const node = await connect('node-7')
    await node.publishAsync(localReadingsTopic('node-7'), pack, { qos: 1 })
    expect(accepted.flat()).toMatchObject([{ sensorId: 'node-7-s1', metric: 'salinity', value: 4.2 }])
  })

  it('keeps the plain refusal for topics that name no node (the shared config, outside the local root)', async () => {
    const { warnings } = await startCapturing()
    await publishRefused(await connect('node-7'), 'zt/v1/local/config', '{"samplingSeconds":1}')
    await publishRefused(await connect('node-7'), 'zt/v1/gw/node-7/readings', pack)

    expect(warnings.map((w) => w.obj.expectedClientId)).toEqual([undefined, undefined])
    expect(warnings.map((w) => w.msg)).toEqual([
      'local publish refused: not under the node topic',
      'local publish refused: not under the node topic',
    ])
  })
})
