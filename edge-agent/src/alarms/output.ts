// The local output of alarms: what a relay, an aerator or a watchdog is wired to. Every event is logged;
// then it runs the configured command with the event in its environment, and/or keeps a state file at
// "1" while any critical alarm is raised and "0" otherwise. Failures of either are logged and counted and
// never reach the evaluator: a broken relay script must not stop alarms from being logged and reported.
//
// The state file is written "0" at start: alarms do not survive a restart, and a still-low reading raises
// its alarm again on arrival, which writes "1" back.
import { type CommandHook, createCommandHook } from './command-hook.ts'
import { type AlarmEvent, isoTime } from './events.ts'
import { type AlarmLogger, logAlarmEvent } from './log-line.ts'
import { createStateFile, type StateFile } from './state-file.ts'

export interface AlarmOutputOptions {
  /** Program and arguments run once per event (never through a shell). */
  command?: readonly string[]
  /** Kill the command after this long (10 s). */
  commandTimeoutMs?: number
  /** Events waiting for a slow command beyond this are dropped and counted (100). */
  maxQueuedCommands?: number
  /** Path kept at "1\n" while a critical alarm is raised, "0\n" otherwise; replaced atomically. */
  file?: string
  log: AlarmLogger
}

/** Counts since start, and criticalActive: the critical alarms raised now. */
export type AlarmOutputStats = Record<
  | 'events'
  | 'commandRuns'
  | 'commandFailures'
  | 'commandsDropped'
  | 'fileWrites'
  | 'fileFailures'
  | 'criticalActive',
  number
>

export interface AlarmOutput {
  /** Logs the event and starts its hooks; never throws. */
  handle(event: AlarmEvent): void
  /** Resolves once every command started so far has finished and the file is up to date. */
  flush(): Promise<void>
  stats(): AlarmOutputStats
}

export function alarmEnvironment(event: AlarmEvent, criticalActive: boolean): Record<string, string> {
  return {
    ZT_ALARM_KIND: event.kind,
    ZT_ALARM_RULE: event.ruleId,
    ZT_ALARM_SENSOR: event.sensorId,
    ZT_ALARM_METRIC: event.metric,
    ZT_ALARM_VALUE: String(event.value),
    ZT_ALARM_THRESHOLD: String(event.threshold),
    ZT_ALARM_SEVERITY: event.severity,
    ZT_ALARM_TIME: isoTime(event.time),
    // The state after this event, so a relay script can simply follow it whatever the event was.
    ZT_ALARM_CRITICAL: criticalActive ? '1' : '0',
  }
}

export function createAlarmOutput(options: AlarmOutputOptions): AlarmOutput {
  const { log } = options
  const counts = { events: 0, commandFailures: 0, commandsDropped: 0, fileFailures: 0 }
  const critical = new Set<string>()

  const hook: CommandHook | undefined = options.command
    ? createCommandHook({
        command: options.command,
        timeoutMs: options.commandTimeoutMs ?? 10_000,
        maxQueued: options.maxQueuedCommands ?? 100,
        onFailure(err, event) {
          counts.commandFailures++
          log.error(
            { err, ruleId: event.ruleId, sensorId: event.sensorId },
            `lệnh báo động lỗi: ${err.message}`,
          )
        },
        onDropped(event) {
          counts.commandsDropped++
          log.warn(
            { ruleId: event.ruleId, sensorId: event.sensorId },
            'lệnh báo động đang chậm, bỏ qua sự kiện',
          )
        },
      })
    : undefined

  const file: StateFile | undefined = options.file
    ? createStateFile(options.file, (err) => {
        counts.fileFailures++
        log.error({ err, file: options.file }, `không ghi được tệp trạng thái báo động: ${err.message}`)
      })
    : undefined
  file?.set('0')

  function handle(event: AlarmEvent): void {
    counts.events++
    const key = `${event.ruleId}\u0000${event.sensorId}`
    if (event.kind === 'raised' && event.severity === 'critical') critical.add(key)
    else if (event.kind === 'cleared') critical.delete(key)
    logAlarmEvent(log, event)
    hook?.run(event, alarmEnvironment(event, critical.size > 0))
    file?.set(critical.size > 0 ? '1' : '0')
  }

  return {
    handle(event) {
      try {
        handle(event)
      } catch (err) {
        log.error({ err }, `lỗi xử lý sự kiện báo động: ${(err as Error).message}`)
      }
    },
    async flush() {
      await Promise.all([hook?.idle(), file?.idle()])
    },
    stats: () => ({
      ...counts,
      commandRuns: hook?.runs() ?? 0,
      fileWrites: file?.writes() ?? 0,
      criticalActive: critical.size,
    }),
  }
}
