// The gateway agent: inputs → clock screening → local alarms → durable spool → uplink. Every reading is
// in the spool (fsync'd under the configured policy) before any input acknowledges it, and leaves the
// spool only after the platform has committed it. Local alarms are judged on the way in, so they work
// with no uplink at all and even while a full spool refuses new data.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { isPresetId } from '@zonetrace/contracts'
import { type AgentInputs, startInputs } from './agent-inputs.ts'
import {
  type AlarmEvent,
  alarmPayload,
  createAlarmEvaluator,
  createAlarmOutput,
  defaultLocalRules,
  InvalidAlarmRulesError,
  type LocalAlarmRule,
} from './alarms/index.ts'
import { createClockWatch } from './clock/clock-watch.ts'
import type { AgentConfig } from './config/load.ts'
import { loadLastGoodConfig, parseRemoteConfig, saveLastGoodConfig } from './config/remote.ts'
import type { AgentLogger } from './logger.ts'
import type { ReadingSink } from './reading.ts'
import { openFileSpool } from './spool/file-store.ts'
import type { SpoolStore } from './spool/store.ts'
import { encodeAlarm, encodeReadings } from './spool-codec.ts'
import { startUplink, type Uplink } from './uplink/uplink.ts'

export interface AgentOptions {
  config: AgentConfig
  log: AgentLogger
}

export interface RunningAgent {
  /** Where inputs deliver; also for tests and embedding. */
  sink: ReadingSink
  spool: SpoolStore
  uplink: Uplink
  inputs: AgentInputs
  activeAlarms(): ReturnType<ReturnType<typeof createAlarmEvaluator>['active']>
  close(): Promise<void>
}

export async function startAgent({ config, log }: AgentOptions): Promise<RunningAgent> {
  await mkdir(config.dataDir, { recursive: true })
  const spool = await openFileSpool({
    dir: join(config.dataDir, 'spool'),
    maxBytes: config.spool.maxBytes,
    whenFull: config.spool.whenFull,
    fsync: config.spool.fsync,
    fsyncIntervalMs: config.spool.fsyncIntervalMs,
    log,
  })
  const clock = createClockWatch({ log })
  const clockTimer = setInterval(() => clock.check(), 1000)
  clockTimer.unref()

  const lastGood = await loadLastGoodConfig(config.dataDir)
  const output = createAlarmOutput({ command: config.alarms.command, file: config.alarms.file, log })
  let uplink: Uplink | undefined
  const reportUpstream = (event: AlarmEvent) => {
    output.handle(event)
    // Reported through the spool too, so an alarm raised offline reaches the platform when the link returns.
    spool
      .append([encodeAlarm(alarmPayload(event))])
      .then(() => uplink?.notify())
      .catch((err: Error) => log.warn({ err: err.message, rule: event.ruleId }, 'alarm report not spooled'))
  }
  const evaluator = createEvaluatorWith(
    (lastGood?.alarmRules as LocalAlarmRule[] | undefined) ?? configuredRules(config),
    configuredRules(config),
    reportUpstream,
    () => clock.now(),
    log,
  )

  const spooling: ReadingSink = {
    async accept(readings) {
      if (readings.length === 0) return
      try {
        evaluator.observe(readings)
      } catch (err) {
        log.error({ err }, 'local alarm evaluation failed')
      }
      await spool.append([encodeReadings(readings)])
      uplink?.notify()
    },
  }
  const sink = clock.screenedSink(spooling)

  async function applyRemote(payload: Buffer): Promise<void> {
    const result = parseRemoteConfig(payload)
    if (!result.ok) {
      log.warn({ reason: result.reason }, 'remote config ignored: keeping the last good one')
      return
    }
    try {
      if (result.config.alarmRules) evaluator.setRules(result.config.alarmRules as LocalAlarmRule[])
      if (result.config.samplingSeconds !== undefined)
        await inputs.announceSampling(result.config.samplingSeconds)
      await saveLastGoodConfig(config.dataDir, result.config)
      log.info(
        { rules: evaluator.rules().length, sampling: result.config.samplingSeconds },
        'remote config applied',
      )
    } catch (err) {
      const problems = err instanceof InvalidAlarmRulesError ? err.problems : undefined
      log.warn({ err: (err as Error).message, problems }, 'remote config ignored: keeping the last good one')
    }
  }

  const inputs = await startInputs({ config, sink, log, now: () => clock.now() })
  if (lastGood?.samplingSeconds !== undefined) await inputs.announceSampling(lastGood.samplingSeconds)
  uplink = startUplink({
    url: config.brokerUrl,
    gatewayId: config.gatewayId,
    password: config.password,
    spool,
    log,
    backoff: { minMs: config.uplink.backoffMinMs, maxMs: config.uplink.backoffMaxMs },
    window: config.uplink.window,
    packReadings: config.uplink.packReadings,
    heartbeatSeconds: config.uplink.heartbeatSeconds,
    onConfig: (payload) => void applyRemote(payload),
  })
  log.info(
    { gatewayId: config.gatewayId, spoolEntries: spool.stats().depth, broker: config.brokerUrl },
    'edge agent started',
  )

  return {
    sink,
    spool,
    uplink,
    inputs,
    activeAlarms: () => evaluator.active(),
    async close() {
      clearInterval(clockTimer)
      await inputs.close()
      await uplink?.close()
      await output.flush()
      await spool.close()
    },
  }
}

function configuredRules(config: AgentConfig): LocalAlarmRule[] {
  if (config.alarms.rules) return config.alarms.rules as LocalAlarmRule[]
  const preset = config.alarms.preset ?? 'shrimp_pond'
  return isPresetId(preset) ? defaultLocalRules(preset) : []
}

/** The saved rules, unless a newer version of the agent finds them invalid: then the configured ones. */
function createEvaluatorWith(
  rules: LocalAlarmRule[],
  fallback: LocalAlarmRule[],
  onEvent: (e: AlarmEvent) => void,
  now: () => number,
  log: AgentLogger,
) {
  try {
    return createAlarmEvaluator({ rules, onEvent, now })
  } catch (err) {
    if (!(err instanceof InvalidAlarmRulesError)) throw err
    log.warn({ problems: err.problems }, 'saved alarm rules are invalid: using the configured ones')
    return createAlarmEvaluator({ rules: fallback, onEvent, now })
  }
}
