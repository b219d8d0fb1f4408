// `zonetrace sim` flags → a run plan. Every check that needs no network happens here, so a mistyped flag is
// a usage error (exit 2) before anything is provisioned or connected.
import { randomInt } from 'node:crypto'
import type { FaultName, SimTarget } from '@zonetrace/firmware-sim'
import { type FlagValues, integer, positiveInteger, positiveNumber } from '../args.ts'
import { UsageError } from '../errors.ts'
import type { SimRequest } from './provision.ts'

/** Every flag `zonetrace sim` takes. */
export const SIM_FLAGS = [
  'gateways',
  'sensors',
  'interval',
  'speed',
  'seed',
  'start',
  'url',
  'credentials',
  'zone',
  'kind',
  'faults',
  'target',
  'username',
  'password',
  'dir',
  'station',
  'connect-rate',
] as const

type SimFlags = FlagValues<(typeof SIM_FLAGS)[number]>

interface SimPlan {
  request: SimRequest
  target: SimTarget
  intervalSeconds: number
  speed: number
  seed: number
  startMs: number | undefined
  kind: string | undefined
  faults: FaultName[]
  connectRate: number
}

const SIM_TARGETS = ['broker', 'agent-mqtt', 'circular10'] as const
/** Where the edge agent's local MQTT input listens by default (issue 4). */
export const AGENT_MQTT_URL = 'mqtt://127.0.0.1:1884'
const STATION = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

export function planSim(
  values: SimFlags,
  opts: { kinds: readonly string[]; mqttPort: number; parseFaults: (list: string) => FaultName[] },
): SimPlan {
  const target = values.target ?? 'broker'
  if (!(SIM_TARGETS as readonly string[]).includes(target))
    throw new UsageError(`--target must be one of ${SIM_TARGETS.join(', ')}`)
  const only = (flags: (keyof SimFlags)[], where: string) => {
    const given = flags.find((f) => values[f] !== undefined)
    if (given) throw new UsageError(`--${given} only applies to ${where}`)
  }
  if (target !== 'circular10') only(['dir', 'station'], '--target circular10')
  if (target !== 'agent-mqtt') only(['username', 'password'], '--target agent-mqtt')
  if (target !== 'broker') only(['zone'], '--target broker')
  if (target === 'circular10') only(['url', 'credentials', 'connect-rate'], 'MQTT targets')

  const request: SimRequest = {
    gateways: positiveInteger(values.gateways, 'gateways', 1),
    probes: positiveInteger(values.sensors, 'sensors', 1),
    zone: values.zone,
    credentialsFile: values.credentials,
  }
  if (values.kind !== undefined && !opts.kinds.includes(values.kind))
    throw new UsageError(`--kind must be one of ${opts.kinds.join(', ')}`)
  if (values.url !== undefined && !/^mqtts?:\/\/|^wss?:\/\//.test(values.url))
    throw new UsageError('--url must start with mqtt://, mqtts://, ws:// or wss://')
  let faults: FaultName[] = []
  try {
    faults = opts.parseFaults(values.faults ?? 'none')
  } catch (err) {
    throw new UsageError(`--faults: ${(err as Error).message}`)
  }
  const startMs = values.start === undefined ? undefined : startOf(values.start)

  return {
    request,
    target: targetOf(target, values, request, opts.mqttPort),
    intervalSeconds: positiveNumber(values.interval, 'interval', 10),
    speed: positiveNumber(values.speed, 'speed', 1),
    seed: integer(values.seed, 'seed', randomInt(2 ** 31)),
    startMs,
    kind: values.kind,
    faults,
    connectRate: positiveNumber(values['connect-rate'], 'connect-rate', 100),
  }
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 }

/** An absolute time, or `now-7d` / `now-12h` / `now-30m` for a replay that catches up with the clock. */
function startOf(text: string): number {
  const relative = /^now-(\d+(?:\.\d+)?)([dhm])$/.exec(text)
  const ms = relative ? Date.now() - Number(relative[1]) * UNIT_MS[relative[2]!]! : Date.parse(text)
  if (!Number.isFinite(ms))
    throw new UsageError(`--start must be a time such as 2021-04-01T00:00+07:00 or now-7d, got "${text}"`)
  return Math.floor(ms / 1000) * 1000
}

function targetOf(target: string, values: SimFlags, request: SimRequest, mqttPort: number): SimTarget {
  if (target === 'agent-mqtt') {
    if ((values.username === undefined) !== (values.password === undefined))
      throw new UsageError('--username and --password go together')
    return {
      kind: 'agent-mqtt',
      url: values.url ?? AGENT_MQTT_URL,
      username: values.username,
      password: values.password,
    }
  }
  if (target === 'circular10') {
    if (values.dir === undefined || values.dir.trim() === '')
      throw new UsageError('--dir is required with --target circular10')
    if (values.station === undefined) throw new UsageError('--station is required with --target circular10')
    if (!STATION.test(values.station))
      throw new UsageError(
        '--station must be 1–64 letters, digits, "_" or "-", starting with a letter or digit',
      )
    // A station logger is one box with one probe: each parameter once per file.
    if (request.gateways !== 1 || request.probes !== 1)
      throw new UsageError('--target circular10 simulates one station: --gateways and --sensors must be 1')
    return { kind: 'circular10', dir: values.dir, station: values.station }
  }
  return { kind: 'broker', url: values.url ?? `mqtt://localhost:${mqttPort}` }
}
