// @zonetrace/cli: the `zonetrace` command (bin/zonetrace.js loads main.ts). Exported for tests and embedding.
export type { Command } from './command.ts'
export { commands } from './commands/index.ts'
export { SIM_KINDS } from './commands/sim.ts'
export { DEMO_AREAS, DEMO_COOPERATIVES, DEMO_GATEWAYS, DEMO_SERIES } from './demo/seed-data.ts'
export { run } from './run.ts'
