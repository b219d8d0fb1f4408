import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { loadContext, openConfiguredDatabase } from '../context.ts'
import { serveUntilSignal } from '../lifecycle.ts'
import { apiLoggerOptions } from '../logger.ts'

export const apiCommand: Command = {
  name: 'api',
  summary: 'HTTP API, resolver and dashboards',
  usage: `Usage: zonetrace api

Runs the HTTP API on HTTP_PORT (default 3000) over the database at DATABASE_URL (or the embedded one under
DATA_DIR), with the console at /console (accounts: 'zonetrace user add'). With DATABASE_READ_URL, series,
evidence, open data and lists are read from that replica (docs/scale-out.md). Tokens are verified with the
key in DATA_DIR/keys; make one with 'zonetrace token create'.
Stops cleanly on Ctrl-C or SIGTERM.`,
  async run(args) {
    parseCommandArgs(args)
    const ctx = loadContext()
    const { loadOrCreateAuthKeys, startApi } = await import('@zonetrace/api')
    const { consolePages } = await import('@zonetrace/dashboards')
    await serveUntilSignal(ctx.logger, async (life) => {
      const keys = await loadOrCreateAuthKeys(ctx.config.dataDir)
      const { db, capabilities, reads } = await openConfiguredDatabase(ctx, { api: true })
      life.defer('database', () => db.close())
      if (reads) life.defer('read replica', () => reads.close())
      if (life.stopping()) return
      const api = await startApi({
        db,
        reads,
        capabilities,
        config: ctx.config,
        keys,
        pages: [consolePages],
        port: ctx.config.httpPort,
        host: ctx.config.host,
        logger: apiLoggerOptions(),
      })
      life.defer('api', () => api.close())
      process.stdout.write(
        `HTTP API listening on ${api.url} (OpenAPI UI at ${api.url}/docs, console at ${api.url}/console)\n`,
      )
    })
  },
}
