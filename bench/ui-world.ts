// What `npm run bench:ui` measures against: the demo's areas, gateways, accounts and lots with a year of
// sensor history at 15-minute steps and its rollups, behind a real broker and the API with the console, on
// a throwaway database (embedded, or a fresh one on the DATABASE_URL server). No simulator runs, so the
// only readings arriving are the bench's own.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadOrCreateAuthKeys, openLabelKeyring, startApi } from '@zonetrace/api'
import { startBroker } from '@zonetrace/broker'
import {
  backfillDemoHistory,
  demoZoneKinds,
  ensureDemoAccounts,
  ensureDemoGateways,
  ensureDemoLabels,
  seedDemoRegistry,
  seedDemoTrace,
} from '@zonetrace/cli'
import { loadConfig } from '@zonetrace/contracts'
import { consolePages } from '@zonetrace/dashboards'
import { provisionGateway } from '@zonetrace/db'
import pino from 'pino'
import { openBenchDB } from './bench-db.ts'

export const HISTORY_DAYS = 365

export interface UiWorld {
  origin: string
  mqttUrl: string
  officer: { email: string; password: string }
  /** The demo cooperative's login: the workspace's pages are measured as it sees them. */
  cooperative: { email: string; password: string }
  /** A signed label of one of that cooperative's demo lots, as its QR code reads. */
  labelUrl: string
  lotId: string
  /** Seconds spent seeding and rolling up, for the log. */
  seededSeconds: number
  readings: number
  dbLabel: string
  /** A gateway of the bench's own with one oxygen probe per alert the bench raises. */
  benchGateway: { username: string; password: string; clientId: string }
  close(): Promise<void>
}

export interface UiWorldOptions {
  benchSensors: number
  benchArea: string
}

export async function startUiWorld(opts: UiWorldOptions): Promise<UiWorld> {
  const started = performance.now()
  const bench = await openBenchDB()
  const { db } = bench
  const dataDir = await mkdtemp(join(tmpdir(), 'zt-bench-ui-'))
  const logger = pino({ level: 'warn' })
  const config = loadConfig({ DATA_DIR: dataDir, JOBS: 'off', LOG_LEVEL: 'warn' })
  await seedDemoRegistry(db)
  const accounts = await ensureDemoAccounts(db, dataDir)
  const gateways = (await ensureDemoGateways(db, dataDir, logger)).filter((g) => g.sensors.length > 0)
  const history = await backfillDemoHistory(db, {
    gateways,
    zoneKinds: demoZoneKinds(),
    seed: 1,
    days: HISTORY_DAYS,
  })
  await seedDemoTrace(db)
  const benchGateway = await provisionGateway(db, {
    id: 'bench-ui',
    zone: opts.benchArea,
    sensors: Array.from({ length: opts.benchSensors }, (_, i) => ({
      sensorId: `bench-ui-s${i + 1}`,
      metric: 'dissolved_oxygen',
    })),
  })
  const broker = await startBroker({
    db,
    port: 0,
    host: '127.0.0.1',
    logger,
    alerts: { lateAfterSeconds: config.alerts.lateAfterSeconds },
  })
  const labelKeys = openLabelKeyring(dataDir)
  const labels = await ensureDemoLabels(db, labelKeys, dataDir, config.publicBaseUrl)
  const api = await startApi({
    db,
    capabilities: bench.capabilities,
    config,
    keys: await loadOrCreateAuthKeys(dataDir),
    labelKeys,
    metrics: broker.metrics,
    pages: [consolePages],
    port: 0,
    host: '127.0.0.1',
    logger: false,
  })
  await api.app.jobs.run('rollups')
  const officer = accounts.find((a) => a.role === 'officer')!
  const cooperative = accounts.find((a) => a.role === 'cooperative')!
  return {
    origin: api.url,
    mqttUrl: `mqtt://127.0.0.1:${broker.port}`,
    officer: { email: officer.email, password: officer.password },
    cooperative: { email: cooperative.email, password: cooperative.password },
    labelUrl: labels.labels[0]!.url,
    lotId: labels.lotId,
    seededSeconds: (performance.now() - started) / 1000,
    readings: history.readings,
    dbLabel: bench.label,
    benchGateway: {
      username: benchGateway.username,
      password: benchGateway.password,
      clientId: benchGateway.gatewayId,
    },
    async close() {
      await api.close()
      await broker.close()
      await bench.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
