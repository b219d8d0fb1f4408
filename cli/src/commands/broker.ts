import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { loadContext, openConfiguredDatabase } from '../context.ts'
import { serveUntilSignal } from '../lifecycle.ts'

export const brokerCommand: Command = {
  name: 'broker',
  summary: 'MQTT broker with ingest into the database',
  usage: `Usage: zonetrace broker

Runs the MQTT broker on MQTT_PORT (default 1883) and over WebSocket on MQTT_WS_PORT (default 8083):
authenticates gateways and stores their readings in the database at DATABASE_URL (or the embedded one under
DATA_DIR). Serves Prometheus /metrics and /health on METRICS_PORT (default 9464). With REDIS_URL set, it
shares subscriptions, retained messages and sessions with every broker on that Redis (docs/scale-out.md).
Stops cleanly on Ctrl-C or SIGTERM.`,
  async run(args) {
    parseCommandArgs(args)
    const ctx = loadContext()
    const { startBroker } = await import('@zonetrace/broker')
    await serveUntilSignal(ctx.logger, async (life) => {
      const { db } = await openConfiguredDatabase(ctx)
      life.defer('database', () => db.close())
      if (life.stopping()) return
      const broker = await startBroker({
        db,
        port: ctx.config.mqttPort,
        wsPort: ctx.config.mqttWsPort,
        metricsPort: ctx.config.metricsPort,
        redisUrl: ctx.config.redisUrl,
        heartbeatMs: ctx.config.brokerHeartbeatMs,
        ingest: ctx.config.ingest,
        host: ctx.config.host,
        logger: ctx.logger,
        alerts: { lateAfterSeconds: ctx.config.alerts.lateAfterSeconds },
      })
      life.defer('broker', () => broker.close())
      process.stdout.write(
        `MQTT broker listening on mqtt://localhost:${broker.port} and ws://localhost:${broker.wsPort}` +
          ` (metrics at http://localhost:${broker.metricsPort}/metrics)\n`,
      )
    })
  },
}
