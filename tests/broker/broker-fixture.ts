// The one setup of the broker tests: a broker on a test database with a seeded zone, gateways provisioned
// through the registry, clients connected to it, and one close() for all of it. A test file shares it
// between its tests (sharedBrokerFixture); what differs between files is only the options.
import type { RunningBroker } from '@zonetrace/broker'
import type { GatewayCredentials } from '@zonetrace/contracts'
import type { Database } from '@zonetrace/db'
import type { IClientOptions, MqttClient } from 'mqtt'
import { beforeAll } from 'vitest'
import { getTestDB, type TestDB } from '../helpers/db.ts'
import { lateBound, sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'
import {
  connectGateway,
  type LogLine,
  provisionTestGateway,
  startTestBroker,
  type TestBroker,
} from './harness.ts'

export type TestBrokerOptions = Parameters<typeof startTestBroker>[1]

export interface BrokerFixtureOptions {
  /** Gateways provisioned in the fixture's zone before the broker starts (default none). */
  gateways?: number
  /** Broker options; the fixture sets db, logger and port. */
  broker?: TestBrokerOptions
  /**
   * A database and zone someone else owns (the API harness, a TimescaleDB server): the broker runs on it
   * and close() leaves it open. Without it the fixture opens a test database and seeds a zone.
   */
  on?: { db: Database; zone: string }
}

export interface BrokerFixture {
  db: Database
  zone: string
  gateways: GatewayCredentials[]
  /** The broker under test. */
  broker: RunningBroker
  /** mqtt:// URL of its TCP listener. */
  url: string
  /** What it logged, parsed, and the raw lines. */
  logs: LogLine[]
  rawLogs: string[]
  /** One more gateway in the fixture's zone. */
  provisionGateway(metrics?: string[]): Promise<GatewayCredentials>
  /** A gateway client (or an anonymous one, for null) of this broker; close() ends it if still connected. */
  connect(
    creds: Pick<GatewayCredentials, 'username' | 'password'> | null,
    opts?: IClientOptions,
  ): Promise<MqttClient>
  /** Another broker on the same database, for tests of a second listener or a restart; closed by close(). */
  startBroker(extra?: TestBrokerOptions): Promise<TestBroker>
  /** Ends the clients, closes the brokers, then the database if the fixture opened it. */
  close(): Promise<void>
}

export async function openBrokerFixture(opts: BrokerFixtureOptions = {}): Promise<BrokerFixture> {
  const ownDb: TestDB | undefined = opts.on ? undefined : await getTestDB()
  const clients: MqttClient[] = []
  const brokers: TestBroker[] = []
  try {
    const db = opts.on?.db ?? ownDb!.db
    const zone = opts.on?.zone ?? (await seedZone(db))
    const gateways: GatewayCredentials[] = []
    for (let i = 0; i < (opts.gateways ?? 0); i++) gateways.push(await provisionTestGateway(db, zone))
    const startBroker = async (extra?: TestBrokerOptions) => {
      const started = await startTestBroker(db, extra)
      brokers.push(started)
      return started
    }
    const main = await startBroker(opts.broker)
    return {
      db,
      zone,
      gateways,
      broker: main.broker,
      url: main.url,
      logs: main.logs,
      rawLogs: main.raw,
      provisionGateway: (metrics) => provisionTestGateway(db, zone, metrics),
      async connect(creds, clientOpts) {
        const client = await connectGateway(main.url, creds, clientOpts)
        clients.push(client)
        return client
      },
      startBroker,
      close: () => closeAll(clients, brokers, ownDb),
    }
  } catch (err) {
    await closeAll(clients, brokers, ownDb)
    throw err
  }
}

/** The fixture opened before the calling file's tests and closed after them (sharedFixture). */
export function sharedBrokerFixture(opts: BrokerFixtureOptions = {}): BrokerFixture {
  return sharedFixture(() => openBrokerFixture(opts))
}

/** The fixture's gateway at `index` (in provisioning order), nameable at the top of a file. */
export function fixtureGateway(fixture: BrokerFixture, index: number): GatewayCredentials {
  return lateBound(() => {
    const gateways = fixture.gateways
    if (index >= gateways.length)
      throw new Error(`the broker fixture has ${gateways.length} gateways, not ${index + 1}`)
    return gateways[index]
  }, `gateway ${index} of the broker fixture`)
}

/** A client of `gateway` connected before the calling file's tests and ended by the fixture's close(). */
export function sharedGatewayClient(fixture: BrokerFixture, gateway: GatewayCredentials): MqttClient {
  let client: MqttClient | undefined
  beforeAll(async () => {
    client = await fixture.connect(gateway)
  })
  return lateBound(() => client, "the broker fixture's shared client")
}

async function closeAll(
  clients: MqttClient[],
  brokers: TestBroker[],
  ownDb: TestDB | undefined,
): Promise<void> {
  // endAsync() waits for the DISCONNECT to be written, which a closed connection never does: force those.
  await Promise.all(clients.map((client) => (client.connected ? client.endAsync() : client.endAsync(true))))
  for (const started of brokers.reverse()) await started.broker.close()
  await ownDb?.close()
}
