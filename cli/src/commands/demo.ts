import { integer, parseCommandArgs, positiveNumber } from '../args.ts'
import type { Command } from '../command.ts'

export const demoCommand: Command = {
  name: 'demo',
  summary: 'database, broker, API and simulated gateways in one process, with demo data',
  usage: `Usage: zonetrace demo [--interval S] [--seed K]

Opens the embedded database under DATA_DIR (or the server at DATABASE_URL), migrates it, seeds demo
cooperatives, growing areas and gateways (idempotent: a re-run reuses them), then runs the MQTT broker on
MQTT_PORT, the HTTP API on HTTP_PORT and simulated gateways publishing readings. Prints the URLs and an admin
token and writes them to DATA_DIR/demo.json. Ctrl-C stops everything.

  --interval S   seconds between two packs of a simulated gateway (default 10)
  --seed K       simulator seed (default 1)`,
  async run(args) {
    const { values } = parseCommandArgs(args, ['interval', 'seed'])
    const intervalSeconds = positiveNumber(values.interval, 'interval', 10)
    const seed = integer(values.seed, 'seed', 1)
    // The implementation pulls in every package; load it only when the demo really starts.
    const { runDemo } = await import('../demo/run.ts')
    await runDemo({ intervalSeconds, seed })
  },
}
