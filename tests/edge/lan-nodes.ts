// The agent's local MQTT input under test and the LAN nodes (real MQTT.js clients over TCP) connected to it;
// both local-mqtt test files drive the input this way, and everything is closed after each test.
import { type LocalMqttInput, type LocalMqttOptions, startLocalMqttInput } from '@zonetrace/edge-agent'
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'
import { afterEach } from 'vitest'

export interface LanNodes {
  /** The running input; set by start(), cleared after each test. */
  readonly input: LocalMqttInput | undefined
  start(options: LocalMqttOptions): Promise<LocalMqttInput>
  /** Connects a node as MQTT 3.1.1, the protocol of the cheap LAN boards, with no reconnects to hide a refusal. */
  connect(clientId: string, options?: IClientOptions): Promise<MqttClient>
}

export function lanNodes(): LanNodes {
  let input: LocalMqttInput | undefined
  const clients: MqttClient[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.end(true)
    await input?.close()
    input = undefined
  })
  return {
    get input() {
      return input
    },
    async start(options) {
      input = await startLocalMqttInput(options)
      return input
    },
    async connect(clientId, options = {}) {
      if (!input) throw new Error('connect() before start()')
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${input.port}`, {
        clientId,
        protocolVersion: 4,
        reconnectPeriod: 0,
        connectTimeout: 5_000,
        ...options,
      })
      clients.push(client)
      return client
    },
  }
}
