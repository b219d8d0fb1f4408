import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { loadContext } from '../context.ts'
import { CliError } from '../errors.ts'
import { serveUntilSignal } from '../lifecycle.ts'
import { AGENT_MQTT_URL, planSim, SIM_FLAGS } from '../sim/options.ts'

// Kept in step with ZONE_PROFILES in @zonetrace/firmware-sim, which is only loaded when the command runs.
export const SIM_KINDS = [
  'shrimp_pond',
  'coconut_canal',
  'orchard_canal',
  'rice_field',
  'domestic_water_intake',
]

export const simCommand: Command = {
  name: 'sim',
  summary: 'firmware simulator and load generator',
  usage: `Usage: zonetrace sim [--gateways N] [--sensors M] [--interval S] [--speed X] [--start TIME] [--seed K]
                     [--kind KIND] [--faults LIST] [--target broker|agent-mqtt|circular10] [target options]

Simulated field gateways. Every S simulated seconds each one measures all its probes' salinity, pH,
dissolved oxygen and temperature, following tides, seasons, rain spells and the daily pond cycle, and sends
them where --target says.

  --gateways N        gateways to run (default 1); thousands are fine, connections are staggered
  --sensors M         probes per gateway, "{gateway}-s1…sM" (default 1)
  --interval S        simulated seconds between samples (default 10)
  --speed X           simulated seconds per real second (default 1)
  --start TIME        simulated time of the first sample: 2021-04-01T00:00+07:00, or now-7d, now-12h,
                      now-30m (default: now). '--start now-7d --speed 2000 --interval 60' replays the past
                      week in about five minutes; the broker refuses readings stamped more than
                      INGEST_MAX_FUTURE_SECONDS ahead of its clock, so a fast run should start in the past
  --seed K            seed for the noise, the rain and the faults (default: random, logged); with the
                      same --start too, a rerun sends exactly the same readings
  --kind KIND         water to simulate (default: the zone's kind; a fresh-water canal without one):
                      ${SIM_KINDS.join(', ')}
  --faults LIST       field faults, comma-separated (default none; "all" for every one):
                        fouling     DO probe membrane fouls, readings sink over about four weeks, then a
                                    cleaning and calibration (flagged calibrating)
                        stuck       a probe repeats its last values for 1–12 hours
                        spikes      single garbled reads far above the normal range
                        dropouts    a probe misses one or a few samples
                        clock-skew  the gateway clock is 1–15 minutes off and drifts 20–200 ppm
                        power-loss  the gateway goes silent for 15 minutes to 4 hours, then reconnects
                        aerator-failure  shrimp ponds only: on about one night in four the aerator stops
                                    between 00:30 and 04:30; dissolved oxygen falls 1.8–3 mg/L an hour
                                    towards about 2 mg/L until the farmer restarts it 75 minutes to
                                    3 hours later, then recovers within the hour

  --target broker (default): provisioned gateways publish SenML on zt/v1/gw/{id}/readings
  --url URL           broker (default mqtt://localhost:MQTT_PORT)
  --credentials FILE  run the gateways in FILE (one 'zonetrace gateway add' output, or an array of them)
  --zone CODE         growing area for new gateways (default: the first one)
  --connect-rate R    gateways starting to connect per second (default 100)
  Without --credentials, gateways are provisioned in the database when DATABASE_URL is set (in bulk), and
  otherwise through the API of a running 'zonetrace demo' (POST /api/v1/gateways, with the token in
  DATA_DIR/demo.json).

  --target agent-mqtt: field nodes node-1…N publish the same SenML packs to an edge agent's local input on
  zt/v1/local/{nodeId}/readings; nothing is provisioned
  --url URL           the agent's local MQTT input (default ${AGENT_MQTT_URL})
  --username U --password P   if the agent's input asks for them (default none)
  --credentials FILE, --connect-rate R   as for the broker

  --target circular10: one station logger writes a Circular 10/2021/TT-BTNMT file per interval,
  {STATION}_{YYYYMMDDhhmmss}.txt, lines "Name<TAB>Value<TAB>Unit<TAB>YYYYMMDDhhmmss<TAB>Status" (status 00
  normal, 01 calibrating, 02 error), Vietnam local time, each file written whole then renamed into place
  --dir DIR           directory to write into (created if missing)
  --station NAME      station code, letters, digits, "_" and "-"`,
  async run(args) {
    const { values } = parseCommandArgs(args, SIM_FLAGS)
    const { CredentialsError, parseFaults, readCredentialsFile, startSimulator } = await import(
      '@zonetrace/firmware-sim'
    )
    const ctx = loadContext()
    const plan = planSim(values, { kinds: SIM_KINDS, mqttPort: ctx.config.mqttPort, parseFaults })
    const { target } = plan
    const { simFleet } = await import('../sim/provision.ts')
    const { localFleet } = await import('../sim/local-fleet.ts')

    await serveUntilSignal(ctx.logger, async (life) => {
      const fleet = await (async () => {
        if (target.kind === 'broker') return simFleet(plan.request, ctx)
        if (target.kind === 'agent-mqtt' && plan.request.credentialsFile) {
          const gateways = await readCredentialsFile(plan.request.credentialsFile)
          return { gateways, kind: undefined, source: plan.request.credentialsFile }
        }
        return localFleet(plan.request, target)
      })().catch((err: unknown) => {
        throw err instanceof CredentialsError ? new CliError(err.message) : err
      })
      ctx.logger.info(
        { gateways: fleet.gateways.length, source: fleet.source, seed: plan.seed },
        'gateways ready',
      )
      if (life.stopping()) return
      const kind = plan.kind ?? fleet.kind
      const sim = await startSimulator({
        target,
        gateways: fleet.gateways,
        zoneKinds: kind ? Object.fromEntries(fleet.gateways.map((g) => [g.gatewayId, kind])) : undefined,
        intervalSeconds: plan.intervalSeconds,
        speed: plan.speed,
        seed: plan.seed,
        faults: plan.faults,
        startMs: plan.startMs,
        connectRate: plan.connectRate,
        logger: ctx.logger,
        progressEverySeconds: 10,
      }).catch((err: unknown) => {
        throw err instanceof RangeError ? new CliError(err.message) : err
      })
      life.defer('simulator', async () => {
        await sim.stop()
        const n = sim.published()
        process.stdout.write(
          target.kind === 'circular10' ? `wrote ${n} station files\n` : `published ${n} reading packs\n`,
        )
      })
      const to = target.kind === 'circular10' ? `station ${target.station} in ${target.dir}` : target.url
      const faults = plan.faults.length > 0 ? `, faults ${plan.faults.join(',')}` : ''
      process.stdout.write(
        `simulating ${fleet.gateways.length} gateway(s) against ${to} (seed ${plan.seed}${faults}); Ctrl-C to stop\n`,
      )
    })
  },
}
