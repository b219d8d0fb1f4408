// The pieces of a broker test: a broker on a free port over a real database, gateways provisioned through
// the registry, and mqtt.js clients over TCP. Log lines are kept so tests can check what was logged. The
// broker tests put them together through broker-fixture.ts; tests of other parts use them directly.

import { type BrokerOptions, type RunningBroker, startBroker } from '@zonetrace/broker'
import { type GatewayCredentials, topics } from '@zonetrace/contracts'
import { type Database, provisionGateway } from '@zonetrace/db'
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'
import pino from 'pino'

export interface LogLine {
  level: number
  msg: string
  gatewayId?: string
  [field: string]: unknown
}

export interface TestBroker {
  broker: RunningBroker
  url: string
  logs: LogLine[]
  raw: string[]
}

export async function startTestBroker(
  db: Database,
  extra: Partial<Omit<BrokerOptions, 'db' | 'logger' | 'port'>> = {},
): Promise<TestBroker> {
  const logs: LogLine[] = []
  const raw: string[] = []
  const logger = pino(
    { level: 'debug' },
    {
      write(line: string) {
        raw.push(line)
        logs.push(JSON.parse(line) as LogLine)
      },
    },
  )
  const broker = await startBroker({ db, port: 0, host: '127.0.0.1', logger, ...extra })
  return { broker, url: `mqtt://127.0.0.1:${broker.port}`, logs, raw }
}

let gatewaySeq = 0

/** A gateway with one probe per metric, ids unique per test file. */
export async function provisionTestGateway(
  db: Database,
  zone: string,
  metrics: string[] = ['salinity', 'ph', 'dissolved_oxygen'],
): Promise<GatewayCredentials> {
  const id = `gw-${process.pid}-${++gatewaySeq}`
  return provisionGateway(db, { id, zone, sensors: metrics })
}

export function connectGateway(
  url: string,
  creds: Pick<GatewayCredentials, 'username' | 'password'> | null,
  opts: IClientOptions = {},
): Promise<MqttClient> {
  return mqtt.connectAsync(url, {
    ...(creds ? { username: creds.username, password: creds.password } : {}),
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
    ...opts,
  })
}

/** The CONNACK return code of a refused connection. */
export async function refusalCode(
  url: string,
  creds: { username?: string; password?: string } | null,
): Promise<number | undefined> {
  try {
    const client = await mqtt.connectAsync(url, {
      ...creds,
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 5_000,
    })
    await client.endAsync()
    return undefined
  } catch (err) {
    return (err as { code?: number }).code
  }
}

export function readingsTopic(gw: GatewayCredentials): string {
  return topics.readings(gw.gatewayId)
}

export function sensorOf(gw: GatewayCredentials, metric = 'salinity'): string {
  const channel = gw.sensors.find((s) => s.metric === metric)
  if (!channel) throw new Error(`gateway ${gw.gatewayId} has no ${metric} probe`)
  return channel.sensorId
}

export async function countReadings(db: Database, sensorId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(`select count(*)::int as n from readings where sensor_id = $1`, [
    sensorId,
  ])
  return rows[0]?.n ?? 0
}

/** Resolves when the broker has closed this client's connection. */
export function closeOf(client: MqttClient): Promise<void> {
  return new Promise((resolve) => client.once('close', () => resolve()))
}
