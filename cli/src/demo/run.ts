// `zonetrace demo`: one process with the database, broker, API and simulated gateways over seeded demo data.
import { join } from 'node:path'
import { createToken, loadOrCreateAuthKeys, startApi } from '@zonetrace/api'
import { startBroker } from '@zonetrace/broker'
import { redact } from '@zonetrace/db'
import { startSimulator } from '@zonetrace/firmware-sim'
import { loadContext, openConfiguredDatabase } from '../context.ts'
import { serveUntilSignal } from '../lifecycle.ts'
import { apiLoggerOptions } from '../logger.ts'
import { banner, demoInfo } from './banner.ts'
import { DEMO_INFO_FILE, writePrivateJson } from './files.ts'
import { ensureDemoGateways } from './gateways.ts'
import { seedDemoRegistry } from './seed.ts'
import { DEMO_AREAS, DEMO_GATEWAYS } from './seed-data.ts'

export interface DemoOptions {
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
    const gateways = (await ensureDemoGateways(db, config.dataDir, logger)).filter(
      (g) => g.sensors.length > 0,
    )
    if (life.stopping()) return

    // No metrics port of its own: the API below serves the broker's registry at /metrics.
    const broker = await startBroker({
      db,
      port: config.mqttPort,
      wsPort: config.mqttWsPort,
      redisUrl: config.redisUrl,
      ingest: config.ingest,
      host: config.host,
      logger,
    })
    life.defer('broker', () => broker.close())
    const api = await startApi({
      db,
      capabilities,
      config,
      keys,
      metrics: broker.metrics,
      port: config.httpPort,
      host: config.host,
      logger: apiLoggerOptions(),
    })
    life.defer('api', () => api.close())
    if (life.stopping()) return

    const sim = await startSimulator({
      url: `mqtt://${loopback(config.host)}:${broker.port}`,
      gateways,
      zoneKinds: demoZoneKinds(),
      intervalSeconds,
      speed: 1,
      seed,
      logger: logger.child({ component: 'sim' }),
    })
    life.defer('simulator', () => sim.stop())

    const info = demoInfo({
      apiPort: Number(new URL(api.url).port),
      mqttPort: broker.port,
      adminToken: await createToken(keys, { role: 'admin', subject: 'demo' }),
      database: config.databaseUrl ? redact(config.databaseUrl) : `embedded, ${join(config.dataDir, 'db')}`,
      gateways: gateways.map((g) => g.gatewayId),
    })
    const infoFile = join(config.dataDir, DEMO_INFO_FILE)
    await writePrivateJson(infoFile, info)
    process.stdout.write(banner(info, infoFile))
  })
}

function demoZoneKinds(): Record<string, string> {
  const kindOf = new Map(DEMO_AREAS.map((a) => [a.code, a.kind]))
  return Object.fromEntries(DEMO_GATEWAYS.map((g) => [g.id, kindOf.get(g.zone) ?? 'coconut_canal']))
}

/** The simulator runs in this process: reach the broker on loopback unless it is bound to one address. */
function loopback(host: string): string {
  return host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host
}
