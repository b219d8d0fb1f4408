import { randomInt } from 'node:crypto'
import { integer, parseCommandArgs, positiveInteger, positiveNumber } from '../args.ts'
import type { Command } from '../command.ts'
import { loadContext } from '../context.ts'
import { CliError, UsageError } from '../errors.ts'
import { serveUntilSignal } from '../lifecycle.ts'

// Kept in step with ZONE_PROFILES in @zonetrace/firmware-sim, which is only loaded when the command runs.
export const SIM_KINDS = ['shrimp_pond', 'coconut_canal', 'orchard_canal', 'rice_field']

export const simCommand: Command = {
  name: 'sim',
  summary: 'firmware simulator and load generator',
  usage: `Usage: zonetrace sim [--gateways N] [--sensors M] [--interval S] [--speed X] [--seed K] [--url mqtt://…]
                     [--credentials FILE] [--zone CODE] [--kind KIND]

Simulated field gateways: each connects over MQTT with its own credentials, keeps a retained online status
(offline through its will), and every S simulated seconds publishes one SenML pack with all its probes'
salinity, pH, dissolved oxygen and temperature, following tides and the daily pond cycle.

  --gateways N        gateways to provision and run (default 1)
  --sensors M         probes per gateway, "{gateway}-s1…sM" (default 1)
  --interval S        simulated seconds between packs (default 10)
  --speed X           simulated seconds per real second (default 1); timestamps start at real now
  --seed K            noise seed, for a replayable run (default: random, logged)
  --url URL           broker (default mqtt://localhost:MQTT_PORT)
  --credentials FILE  run the gateways in FILE (one 'zonetrace gateway add' output, or an array of them)
  --zone CODE         growing area for new gateways (default: the first one)
  --kind KIND         water to simulate: ${SIM_KINDS.join(', ')} (default: the zone's kind)

Without --credentials, gateways are provisioned in the database when DATABASE_URL is set, and otherwise
through the API of a running 'zonetrace demo' (POST /api/v1/gateways with the token in DATA_DIR/demo.json).`,
  async run(args) {
    const { values } = parseCommandArgs(args, {
      gateways: { type: 'string' },
      sensors: { type: 'string' },
      interval: { type: 'string' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      url: { type: 'string' },
      credentials: { type: 'string' },
      zone: { type: 'string' },
      kind: { type: 'string' },
    })
    const request = {
      gateways: positiveInteger(values.gateways, 'gateways', 1),
      probes: positiveInteger(values.sensors, 'sensors', 1),
      zone: values.zone,
      credentialsFile: values.credentials,
    }
    const intervalSeconds = positiveNumber(values.interval, 'interval', 10)
    const speed = positiveNumber(values.speed, 'speed', 1)
    const seed = integer(values.seed, 'seed', randomInt(2 ** 31))
    if (values.kind !== undefined && !SIM_KINDS.includes(values.kind))
      throw new UsageError(`--kind must be one of ${SIM_KINDS.join(', ')}`)
    if (values.url !== undefined && !/^mqtts?:\/\/|^wss?:\/\//.test(values.url))
      throw new UsageError('--url must start with mqtt://, mqtts://, ws:// or wss://')

    const ctx = loadContext()
    const { CredentialsError, startSimulator } = await import('@zonetrace/firmware-sim')
    const { simFleet } = await import('../sim/provision.ts')
    const url = values.url ?? `mqtt://localhost:${ctx.config.mqttPort}`
    await serveUntilSignal(ctx.logger, async (life) => {
      const fleet = await simFleet(request, ctx).catch((err: unknown) => {
        throw err instanceof CredentialsError ? new CliError(err.message) : err
      })
      ctx.logger.info({ gateways: fleet.gateways.length, source: fleet.source, seed }, 'gateways ready')
      if (life.stopping()) return
      const kind = values.kind ?? fleet.kind
      const sim = await startSimulator({
        url,
        gateways: fleet.gateways,
        zoneKinds: kind ? Object.fromEntries(fleet.gateways.map((g) => [g.gatewayId, kind])) : undefined,
        intervalSeconds,
        speed,
        seed,
        logger: ctx.logger,
        progressEverySeconds: 10,
      })
      life.defer('simulator', async () => {
        await sim.stop()
        process.stdout.write(`published ${sim.published()} reading packs\n`)
      })
      process.stdout.write(
        `simulating ${fleet.gateways.length} gateway(s) against ${url} (seed ${seed}); Ctrl-C to stop\n`,
      )
    })
  },
}
