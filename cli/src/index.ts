// @zonetrace/cli: the `zonetrace` command (bin/zonetrace.js loads main.ts). Exported for tests and embedding.
export type { Command } from './command.ts'
export { commands } from './commands/index.ts'
export { SIM_KINDS } from './commands/sim.ts'
export { ensureDemoAccounts } from './demo/accounts.ts'
export { DEMO_AERATOR_DRILL, DEMO_FAULTS } from './demo/aerator-drill.ts'
export { banner, demoInfo, openableUrl } from './demo/banner.ts'
export { ensureDemoGateways } from './demo/gateways.ts'
export { backfillDemoHistory } from './demo/history.ts'
export { seedDemoRegistry } from './demo/seed.ts'
export {
  DEMO_AREAS,
  DEMO_COOPERATIVES,
  DEMO_GATEWAYS,
  DEMO_SERIES,
  demoZoneKinds,
} from './demo/seed-data.ts'
export { DEMO_LOTS, DEMO_PRODUCTS, FLAGSHIP_LOT } from './demo/trace-data.ts'
export { DEMO_GROWING_DAYS, DEMO_LABELS_FILE, ensureDemoLabels, seedDemoTrace } from './demo/trace-seed.ts'
export { createLogger } from './logger.ts'
export { run } from './run.ts'
