// `zonetrace demo`: one process with the database, broker, API and simulated gateways over seeded demo data.
import { join } from 'node:path'
import {
  catchUpCompliance,
  createToken,
  loadOrCreateAuthKeys,
  openLabelKeyring,
  startApi,
} from '@zonetrace/api'
import { startBroker } from '@zonetrace/broker'
import { consolePages } from '@zonetrace/dashboards'
import { redact } from '@zonetrace/db'
import { startSimulator } from '@zonetrace/firmware-sim'
import { loadContext, openConfiguredDatabase } from '../context.ts'
import { serveUntilSignal } from '../lifecycle.ts'
import { apiLoggerOptions } from '../logger.ts'
import { ensureDemoAccounts } from './accounts.ts'
import { DEMO_AERATOR_DRILL, DEMO_FAULTS } from './aerator-drill.ts'
import { banner, demoInfo } from './banner.ts'
import { DEMO_INFO_FILE, writePrivateJson } from './files.ts'
import { ensureDemoGateways } from './gateways.ts'
import { backfillDemoHistory } from './history.ts'
import { seedDemoRegistry } from './seed.ts'
import { demoZoneKinds } from './seed-data.ts'
import { DEMO_GROWING_DAYS, ensureDemoLabels, seedDemoTrace } from './trace-seed.ts'

interface DemoOptions {
  intervalSeconds: number
  seed: number
}

export async function runDemo({ intervalSeconds, seed }: DemoOptions): Promise<void> {
  const ctx = loadContext()
  const { config, logger } = ctx

  await serveUntilSignal(logger, async (life) => {
    const keys = await loadOrCreateAuthKeys(config.dataDir)
    const { db, capabilities } = await openConfiguredDatabase(ctx)
    life.defer('database', () => db.close())
    await seedDemoRegistry(db)
    const accounts = await ensureDemoAccounts(db, config.dataDir)
    const gateways = (await ensureDemoGateways(db, config.dataDir, logger)).filter(
      (g) => g.sensors.length > 0,
    )
    const zoneKinds = demoZoneKinds()
    const started = performance.now()
    // As far back as the lots' growing windows open, so their evidence has data from the first start.
    const history = await backfillDemoHistory(db, { gateways, zoneKinds, seed, days: DEMO_GROWING_DAYS })
    const trace = await seedDemoTrace(db)
    const labelKeys = openLabelKeyring(config.dataDir)
    const labels = await ensureDemoLabels(db, labelKeys, config.dataDir, config.publicBaseUrl)
    logger.info(
      { ...history, lots: trace.lots.length, ms: Math.round(performance.now() - started) },
      'demo history and traceability seeded',
    )
    if (life.stopping()) return

    // No metrics port of its own: the API below serves the broker's registry at /metrics.
    const broker = await startBroker({
      db,
      port: config.mqttPort,
      wsPort: config.mqttWsPort,
      redisUrl: config.redisUrl,
      heartbeatMs: config.brokerHeartbeatMs,
      ingest: config.ingest,
      host: config.host,
      logger,
      alerts: { lateAfterSeconds: config.alerts.lateAfterSeconds },
    })
    life.defer('broker', () => broker.close())
    const api = await startApi({
      db,
      capabilities,
      config,
      keys,
      labelKeys,
      metrics: broker.metrics,
      pages: [consolePages],
      port: config.httpPort,
      host: config.host,
      logger: apiLoggerOptions(),
    })
    life.defer('api', () => api.close())
    if (life.stopping()) return
    // The seeded history gets its rollups, daily compliance reports and open-data files now, not at the
    // next scheduled run, so the series, compliance and download routes answer from the first minute.
    await api.app.jobs.run('rollups')
    await catchUpCompliance(db, new Date(), DEMO_GROWING_DAYS + 1)
    await api.app.jobs.run('open-data')
    if (life.stopping()) return

    const sim = await startSimulator({
      url: `mqtt://${loopback(config.host)}:${broker.port}`,
      gateways,
      zoneKinds,
      intervalSeconds,
      speed: 1,
      seed,
      faults: DEMO_FAULTS,
      aeratorDrill: DEMO_AERATOR_DRILL,
      logger: logger.child({ component: 'sim' }),
    })
    life.defer('simulator', () => sim.stop())

    const info = demoInfo({
      apiPort: Number(new URL(api.url).port),
      mqttPort: broker.port,
      adminToken: await createToken(keys, { role: 'admin', subject: 'demo' }),
      database: config.databaseUrl ? redact(config.databaseUrl) : `embedded, ${join(config.dataDir, 'db')}`,
      gateways: gateways.map((g) => g.gatewayId),
      labelUrl: labels.labels[0]!.url,
      accounts,
    })
    const infoFile = join(config.dataDir, DEMO_INFO_FILE)
    await writePrivateJson(infoFile, info)
    process.stdout.write(banner(info, infoFile))
  })
}

/** The simulator runs in this process: reach the broker on loopback unless it is bound to one address. */
function loopback(host: string): string {
  return host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host
}
