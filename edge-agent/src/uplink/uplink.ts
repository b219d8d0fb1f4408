// The agent's one MQTT session with the platform, kept up for as long as the agent runs: connect, announce
// online (retained, with the spool depth) under a retained offline will, follow the retained config
// topic, send the spool, and after any failure wait an exponential, jittered delay and start over.
// mqtt.js's own reconnect and offline queue are off: the spool is the only queue, so nothing lives only
// in memory and nothing grows without bound while the link is down.
import { type GatewayStatus, topics } from '@zonetrace/contracts'
import mqtt, { type MqttClient } from 'mqtt'
import type { AgentLogger } from '../logger.ts'
import type { SpoolStore } from '../spool/store.ts'
import { type Backoff, reconnectDelay } from './backoff.ts'
import { createSender, type Sender } from './sender.ts'

interface UplinkOptions {
  url: string
  gatewayId: string
  password: string
  spool: SpoolStore
  log: AgentLogger
  backoff: Backoff
  window: number
  packReadings: number
  heartbeatSeconds: number
  connectTimeoutMs?: number
  /** A message on the retained config topic; the agent validates and applies it. */
  onConfig(payload: Buffer): void
  onSent?: (readings: number, backlog: boolean) => void
}

interface UplinkStats {
  connected: boolean
  connects: number
  failedConnects: number
  readingsSent: number
  backlogReadingsSent: number
  /** Alarm reports the platform has acknowledged. */
  alarmsSent: number
}

export interface Uplink {
  /** Entries were appended to the spool. */
  notify(): void
  stats(): UplinkStats
  close(): Promise<void>
}

export function startUplink(o: UplinkOptions): Uplink {
  const stats: UplinkStats = {
    connected: false,
    connects: 0,
    failedConnects: 0,
    readingsSent: 0,
    backlogReadingsSent: 0,
    alarmsSent: 0,
  }
  let client: MqttClient | null = null
  let sender: Sender | null = null
  let stopped = false
  let wake: (() => void) | null = null
  // The spool's health rides on every status: depth, and what a full spool cost (docs/asyncapi.yaml).
  // Every count is of spool entries (one per accepted pack or station file, one per alarm report), not of
  // readings. `spool` keeps its published name; `spoolEntries` is the same number, named.
  const status = (state: GatewayStatus['state']) => {
    const s = o.spool.stats()
    const body: GatewayStatus & Record<string, unknown> = {
      state,
      spool: s.depth,
      spoolEntries: s.depth,
      at: new Date().toISOString(),
      spoolBytes: s.bytes,
      spoolDroppedOldest: s.droppedOldest,
      spoolRejectedFull: s.rejectedFull,
    }
    return JSON.stringify(body)
  }

  async function run(): Promise<void> {
    for (let attempt = 0; !stopped; ) {
      try {
        const c = await connect()
        attempt = 0
        await session(c)
      } catch (err) {
        stats.failedConnects++
        if (attempt === 0 || attempt % 10 === 0)
          o.log.warn(
            { err: (err as Error).message, attempt: attempt + 1 },
            'uplink: cannot reach the platform',
          )
        attempt++
      }
      if (!stopped) await sleep(reconnectDelay(attempt, o.backoff))
    }
  }

  async function connect(): Promise<MqttClient> {
    const c = await mqtt.connectAsync(o.url, {
      clientId: o.gatewayId,
      username: o.gatewayId,
      password: o.password,
      reconnectPeriod: 0,
      connectTimeout: o.connectTimeoutMs ?? 30_000,
      queueQoSZero: false,
      will: {
        topic: topics.status(o.gatewayId),
        payload: Buffer.from(status('offline')),
        qos: 1,
        retain: true,
      },
    })
    client = c
    return c
  }

  /** One connected session; resolves when the connection is gone. */
  async function session(c: MqttClient): Promise<void> {
    stats.connects++
    stats.connected = true
    const closed = new Promise<void>((resolve) => c.once('close', resolve))
    c.on('error', (err) => o.log.warn({ err: err.message }, 'uplink: connection error'))
    c.on('message', (topic, payload) => {
      if (topic === topics.config(o.gatewayId)) o.onConfig(payload)
    })
    o.log.info({ url: o.url, spoolEntries: o.spool.stats().depth }, 'uplink: connected')
    const heartbeat = setInterval(
      () => c.publish(topics.status(o.gatewayId), status('online'), { qos: 1, retain: true }),
      o.heartbeatSeconds * 1000,
    )
    try {
      c.publish(topics.status(o.gatewayId), status('online'), { qos: 1, retain: true })
      c.subscribe(topics.config(o.gatewayId), { qos: 1 })
      sender = createSender({
        client: c,
        spool: o.spool,
        gatewayId: o.gatewayId,
        window: o.window,
        packReadings: o.packReadings,
        onSent(readings, backlog) {
          if (readings === 0) stats.alarmsSent++
          stats.readingsSent += readings
          if (backlog) stats.backlogReadingsSent += readings
          o.onSent?.(readings, backlog)
        },
        onUnreadable: (seq) => o.log.warn({ seq }, 'uplink: skipped a spool entry this version cannot read'),
      })
      sender.pump()
      await closed
    } finally {
      clearInterval(heartbeat)
      sender?.stop()
      sender = null
      stats.connected = false
      c.end(true)
      if (!stopped) o.log.warn({ spoolEntries: o.spool.stats().depth }, 'uplink: connection lost')
    }
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        wake = null
        resolve()
      }
      wake = done
    })
  }

  const running = run()
  return {
    notify: () => sender?.pump(),
    stats: () => ({ ...stats }),
    async close() {
      stopped = true
      wake?.()
      const c = client
      if (c?.connected) {
        // A clean shutdown does not fire the will, so say goodbye explicitly.
        await c
          .publishAsync(topics.status(o.gatewayId), status('offline'), { qos: 1, retain: true })
          .catch(() => {})
        await c.endAsync().catch(() => {})
      } else c?.end(true)
      await running
    },
  }
}
