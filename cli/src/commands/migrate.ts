import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { loadContext, openConfiguredDatabase } from '../context.ts'

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply database migrations (idempotent)',
  usage: `Usage: zonetrace migrate

Applies the schema migrations, reference data (administrative units) and storage policies to the database
at DATABASE_URL, or to the embedded database under DATA_DIR. Safe to run any number of times.`,
  async run(args) {
    parseCommandArgs(args)
    const ctx = loadContext()
    const { db, capabilities } = await openConfiguredDatabase(ctx)
    await db.close()
    const where = ctx.config.databaseUrl ? 'server database' : `embedded database in ${ctx.config.dataDir}`
    process.stdout.write(
      `migrations applied to the ${where} (TimescaleDB ${capabilities?.timescaleVersion}, ${capabilities?.licence} licence)\n`,
    )
  },
}
