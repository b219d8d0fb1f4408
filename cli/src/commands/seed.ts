import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { loadContext, openConfiguredDatabase } from '../context.ts'
import { seedDemoRegistry } from '../demo/seed.ts'
import { DEMO_AREAS, DEMO_COOPERATIVES } from '../demo/seed-data.ts'

export const seedCommand: Command = {
  name: 'seed',
  summary: 'migrate, then load the demo registry (cooperatives, growing areas)',
  usage: `Usage: zonetrace seed

Applies migrations, then upserts the demo cooperatives and growing areas (real names from the Trà Vinh
area, DEMO- codes) so that gateways and the simulator have zones to attach to. Idempotent. docker compose
runs it once before the broker and API start.`,
  async run(args) {
    parseCommandArgs(args, {})
    const ctx = loadContext()
    const { db } = await openConfiguredDatabase(ctx)
    try {
      await seedDemoRegistry(db)
    } finally {
      await db.close()
    }
    process.stdout.write(
      `demo registry loaded: ${DEMO_COOPERATIVES.length} cooperatives, ${DEMO_AREAS.length} growing areas\n`,
    )
  },
}
