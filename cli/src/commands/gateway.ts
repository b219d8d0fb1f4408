import { type GeoPoint, isMetric, type Metric, readLatLon } from '@zonetrace/contracts'
import { parseCommandArgs, required } from '../args.ts'
import type { Command } from '../command.ts'
import { loadContext, openConfiguredDatabase } from '../context.ts'
import { CliError, UsageError } from '../errors.ts'
import { PROBE_METRICS } from '../probes.ts'

/** A gateway with no --sensors gets one probe with what the common field probe measures. */
const DEFAULT_GATEWAY_METRICS = PROBE_METRICS

export const gatewayCommand: Command = {
  name: 'gateway add',
  summary: 'provision a gateway and print its MQTT credentials (once)',
  usage: `Usage: zonetrace gateway add --id ID --zone CODE [--sensors metric,metric,…] [--position LAT,LON]

Provisions a gateway in growing area CODE with one probe, sensor id "ID-s1", measuring the given metrics
(default: ${DEFAULT_GATEWAY_METRICS.join(',')}). --position is where it stands, latitude first as a phone's
map app copies it (e.g. 9.93,106.07), inside the Mekong Delta; the open-data stations layer shows it there
(without it, at its area's centre). Prints
  {"gatewayId","username","password","sensors":[{"sensorId","metric"}]}
The password is shown this once; only a hash is stored.

Works on DATABASE_URL, or on the embedded database under DATA_DIR when no other process holds it.
Against a running demo use the API instead: POST /api/v1/gateways.`,
  async run(args) {
    const [sub, ...rest] = args
    if (sub !== 'add') throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'missing subcommand "add"')
    const { values } = parseCommandArgs(rest, ['id', 'zone', 'sensors', 'position'])
    const id = required(values.id, 'id')
    const zone = required(values.zone, 'zone')
    const sensors = parseMetrics(values.sensors)
    const position = parsePosition(values.position)
    const ctx = loadContext()
    const { provisionGateway, RegistryError } = await import('@zonetrace/db')
    const { db } = await openConfiguredDatabase(ctx)
    try {
      const credentials = await provisionGateway(db, { id, zone, sensors, position }).catch(
        (err: unknown) => {
          // Unknown zone, taken id, invalid id: the user's to fix.
          throw err instanceof RegistryError ? new CliError(err.message) : err
        },
      )
      process.stdout.write(`${JSON.stringify(credentials, null, 2)}\n`)
    } finally {
      await db.close()
    }
  },
}

function parseMetrics(list: string | undefined): Metric[] {
  if (list === undefined) return DEFAULT_GATEWAY_METRICS
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (names.length === 0) throw new UsageError('--sensors needs at least one metric')
  const unknown = names.filter((n) => !isMetric(n))
  if (unknown.length > 0) throw new UsageError(`unknown metric(s): ${unknown.join(', ')}`)
  return names as Metric[]
}

function parsePosition(text: string | undefined): GeoPoint | undefined {
  if (text === undefined) return undefined
  const checked = readLatLon(text)
  if (!checked.ok) throw new UsageError(`--position: ${checked.problem.en}`)
  return checked.point
}
