// One simulated gateway's MQTT session, behaving like field firmware (CONTRACT.md § MQTT): username is the
// gateway id, a retained offline will, a retained online status on every (re)connect, readings at QoS 1.
import { type GatewayCredentials, type GatewayStatus, topics } from '@zonetrace/contracts'
import { connect, type IClientOptions, type MqttClient } from 'mqtt'
import type { SimLogger } from './logger.ts'

export interface GatewayLink {
  publishReadings(pack: unknown[]): void
  /** Packs sent and not yet acknowledged by the broker. */
  inflight(): number
  close(): Promise<void>
}

export interface LinkOptions {
  url: string
  credentials: GatewayCredentials
  logger: SimLogger
  connectTimeoutMs: number
  onAcked: () => void
}

const status = (state: GatewayStatus['state']) => JSON.stringify({ state } satisfies GatewayStatus)

export async function connectGateway(opts: LinkOptions): Promise<GatewayLink> {
  const { gatewayId, username, password } = opts.credentials
  const log = opts.logger
  const options: IClientOptions = {
    clientId: gatewayId,
    username,
    password,
    reconnectPeriod: 2000,
    connectTimeout: opts.connectTimeoutMs,
    will: { topic: topics.status(gatewayId), payload: Buffer.from(status('offline')), qos: 1, retain: true },
  }
  const client = connect(opts.url, options)
  // Registered first: an 'error' with no listener would throw out of the event loop.
  client.on('error', (err) => log.warn({ gatewayId, err: err.message }, 'gateway connection error'))
  client.on('connect', () => {
    client.publish(topics.status(gatewayId), status('online'), { qos: 1, retain: true })
  })
  await firstConnect(client, opts)
  client.on('offline', () => log.warn({ gatewayId }, 'gateway offline, reconnecting'))
  client.on('reconnect', () => log.debug({ gatewayId }, 'gateway reconnecting'))

  let inflight = 0
  return {
    publishReadings(pack) {
      inflight++
      client.publish(topics.readings(gatewayId), JSON.stringify(pack), { qos: 1 }, (err) => {
        inflight--
        if (err) log.warn({ gatewayId, err: err.message }, 'reading pack not acknowledged')
        else opts.onAcked()
      })
    },
    inflight: () => inflight,
    async close() {
      // A clean shutdown does not fire the will, so say goodbye explicitly.
      if (client.connected) {
        await client
          .publishAsync(topics.status(gatewayId), status('offline'), { qos: 1, retain: true })
          .catch(() => {})
      }
      await endWithin(client, 5000)
    },
  }
}

function firstConnect(client: MqttClient, opts: LinkOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      cleanup()
      client.end(true)
      reject(new Error(`gateway ${opts.credentials.gatewayId} could not connect to ${opts.url}: ${reason}`))
    }
    const timer = setTimeout(
      () => fail(`no answer within ${opts.connectTimeoutMs} ms`),
      opts.connectTimeoutMs,
    )
    const onConnect = () => {
      cleanup()
      resolve()
    }
    // Refused credentials are final; anything else (broker not up yet) is worth the retries until the timer.
    const onError = (err: Error & { code?: unknown }) => {
      if (err.code === 4 || err.code === 5 || err.code === 134 || err.code === 135) fail('not authorised')
    }
    const cleanup = () => {
      clearTimeout(timer)
      client.off('connect', onConnect)
      client.off('error', onError)
    }
    client.on('connect', onConnect)
    client.on('error', onError)
  })
}

async function endWithin(client: MqttClient, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms)
  })
  const result = await Promise.race([client.endAsync(false).then(() => 'ended' as const), timeout])
  clearTimeout(timer)
  if (result === 'timeout') await client.endAsync(true)
}
