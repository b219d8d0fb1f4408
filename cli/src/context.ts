import { type Config, loadConfig } from '@zonetrace/contracts'
import type { Capabilities, Database } from '@zonetrace/db'
import { CliError } from './errors.ts'
import { createLogger, type Logger } from './logger.ts'

export interface Context {
  config: Config
  logger: Logger
}

/** Configuration comes only from loadConfig(); loaded per command so `--help` works with a broken env. */
export function loadContext(): Context {
  const config = loadConfig()
  return { config, logger: createLogger(config.logLevel) }
}

/** The server at DATABASE_URL, or the embedded database under DATA_DIR (migrated either way). */
export async function openConfiguredDatabase({
  config,
  logger,
}: Context): Promise<{ db: Database; capabilities: Capabilities }> {
  // Loaded on use: the database layer is the slowest import, and `--help` should not wait for it.
  const { DatabaseInUseError, openDatabase } = await import('@zonetrace/db')
  const { db, capabilities } = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: (msg) => logger.info(msg),
  }).catch((err: unknown) => {
    throw err instanceof DatabaseInUseError ? new CliError(err.message) : err
  })
  // Migrations run on open, and they always detect the capabilities.
  return { db, capabilities: capabilities! }
}
