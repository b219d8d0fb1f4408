import { type Config, loadConfig } from '@zonetrace/contracts'
import type { Capabilities, Database, ReadReplica } from '@zonetrace/db'
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

/**
 * The server at DATABASE_URL, or the embedded database under DATA_DIR (migrated either way). `api` names the
 * sessions after the API and, with DATABASE_READ_URL on the server backend, opens the read replica too.
 */
export async function openConfiguredDatabase(
  { config, logger }: Context,
  { api = false }: { api?: boolean } = {},
): Promise<{ db: Database; capabilities: Capabilities; reads?: ReadReplica }> {
  // Loaded on use: the database layer is the slowest import, and `--help` should not wait for it.
  const { DatabaseInUseError, openDatabase } = await import('@zonetrace/db')
  const readUrl = api ? config.databaseReadUrl : undefined
  if (readUrl && !config.databaseUrl) {
    logger.warn('DATABASE_READ_URL is ignored: the embedded database (no DATABASE_URL) has no replica')
  }
  const { db, capabilities, reads } = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    ...(api && { applicationName: 'zonetrace-api', readUrl, readApplicationName: 'zonetrace-api-read' }),
    log: (msg) => logger.info(msg),
    warn: (msg) => logger.warn(msg),
  }).catch((err: unknown) => {
    throw err instanceof DatabaseInUseError ? new CliError(err.message) : err
  })
  // Migrations run on open, and they always detect the capabilities.
  return { db, capabilities: capabilities!, ...(reads && { reads }) }
}
