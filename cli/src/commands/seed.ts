import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { loadContext, openConfiguredDatabase } from '../context.ts'
import { seedDemoRegistry } from '../demo/seed.ts'
import { DEMO_AREAS, DEMO_COOPERATIVES } from '../demo/seed-data.ts'
import { type DemoTraceSummary, seedDemoTrace } from '../demo/trace-seed.ts'

export const seedCommand: Command = {
  name: 'seed',
  summary: 'migrate, then load the demo registry (cooperatives, growing areas, OCOP products, lots)',
  usage: `Usage: zonetrace seed

Applies migrations, then upserts the demo cooperatives and growing areas (real names from the Trà Vinh
area, DEMO- codes) so that gateways and the simulator have zones to attach to, and the demo OCOP products
(GS1 demo prefix 952) with their harvest lots, events and a split. Idempotent. docker compose runs it once
before the broker and API start.

Unlike \`zonetrace demo\`, it issues no labels (the API signs with the keys in its own DATA_DIR: issue
them with \`zonetrace labels\` or POST /api/v1/lots/{lotId}/labels) and writes no made-up sensor
history into a database that real gateways feed.`,
  async run(args) {
    parseCommandArgs(args)
    const ctx = loadContext()
    const { db } = await openConfiguredDatabase(ctx)
    let trace: DemoTraceSummary
    try {
      await seedDemoRegistry(db)
      trace = await seedDemoTrace(db)
    } finally {
      await db.close()
    }
    process.stdout.write(
      `demo registry loaded: ${DEMO_COOPERATIVES.length} cooperatives, ${DEMO_AREAS.length} growing areas, ` +
        `${trace.products} products, ${trace.lots.length} lots\n`,
    )
  },
}
