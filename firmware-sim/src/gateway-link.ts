// One simulated gateway's MQTT session, behaving like field firmware (docs/asyncapi.yaml): on the broker the
// username is the gateway id, a retained offline will, a retained online status on every (re)connect,
// readings at QoS 1. A power cut drops the socket without DISCONNECT (so the will fires) and the boot after
// it opens a fresh session, as a rebooted gateway does.
import { type GatewayStatus, topics } from '@zonetrace/contracts'
import { connect, type IClientOptions, type MqttClient } from 'mqtt'
import type { SimLogger } from './logger.ts'
import type { Outlet } from './outlet.ts'

interface MqttOutletOptions {
  url: string
  clientId: string
  username?: string | undefined
  password?: string | undefined
  readingsTopic: string
  /** Retained online/offline status with a will, as the broker contract asks of gateways; none if unset. */
  statusTopic?: string | undefined
  /** How the client is named in messages: "gateway sim-1", "node node-1". */
  label: string
  logger: SimLogger
  connectTimeoutMs: number
  onAcked: () => void
}

const status = (state: GatewayStatus['state']) => JSON.stringify({ state } satisfies GatewayStatus)

/** The broker target: a provisioned gateway on `zt/v1/gw/{id}/…`. */
export function brokerLinkOptions(gateway: {
  gatewayId: string
  username?: string | undefined
  password?: string | undefined
}): Pick<
  MqttOutletOptions,
  'clientId' | 'username' | 'password' | 'readingsTopic' | 'statusTopic' | 'label'
> {
  return {
    clientId: gateway.gatewayId,
    username: gateway.username ?? gateway.gatewayId,
    password: gateway.password,
    readingsTopic: topics.readings(gateway.gatewayId),
    statusTopic: topics.status(gateway.gatewayId),
    label: `gateway ${gateway.gatewayId}`,
  }
}

export async function connectMqttOutlet(opts: MqttOutletOptions): Promise<Outlet> {
  const log = opts.logger
  const { label } = opts
  const options: IClientOptions = {
    clientId: opts.clientId,
    username: opts.username,
    password: opts.password,
    reconnectPeriod: 2000,
    connectTimeout: opts.connectTimeoutMs,
    ...(opts.statusTopic
      ? {
          will: { topic: opts.statusTopic, payload: Buffer.from(status('offline')), qos: 1, retain: true },
        }
      : {}),
  }
  let client: MqttClient
  const open = () => {
    const c = connect(opts.url, options)
    // Registered first: an 'error' with no listener would throw out of the event loop.
    c.on('error', (err) => {
      if (c === client) log.warn({ client: label, err: err.message }, 'connection error')
    })
    c.on('connect', () => {
      if (opts.statusTopic) c.publish(opts.statusTopic, status('online'), { qos: 1, retain: true })
    })
    c.on('offline', () => {
      if (c === client) log.warn({ client: label }, 'offline, reconnecting')
    })
    return c
  }
  client = open()
  await firstConnect(client, opts)

  // Acknowledgements of a session that lost power never come: count per session.
  let session = 0
  let inflight = 0
  let powered = true
  return {
    send(sample) {
      if (!powered || sample.pack.length === 0) return
      const mine = session
      inflight++
      client.publish(opts.readingsTopic, JSON.stringify(sample.pack), { qos: 1 }, (err) => {
        if (mine !== session) return
        inflight--
        if (err) log.warn({ client: label, err: err.message }, 'reading pack not acknowledged')
        else opts.onAcked()
      })
    },
    inflight: () => inflight,
    setPowered(on) {
      if (on === powered) return
      powered = on
      if (on) {
        log.info({ client: label }, 'power back, reconnecting')
        client = open()
        return
      }
      session++
      inflight = 0
      log.info({ client: label }, 'power cut, connection dropped')
      client.end(true) // force: the socket dies without DISCONNECT, like a cut cable
    },
    async close() {
      if (!powered) return
      // A clean shutdown does not fire the will, so say goodbye explicitly.
      if (client.connected && opts.statusTopic) {
        await client
          .publishAsync(opts.statusTopic, status('offline'), { qos: 1, retain: true })
          .catch(() => {})
      }
      await endWithin(client, 5000)
    },
  }
}

function firstConnect(client: MqttClient, opts: MqttOutletOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      cleanup()
      client.end(true)
      reject(new Error(`${opts.label} could not connect to ${opts.url}: ${reason}`))
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
