import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type AlarmEvent, type AlarmLogger, createAlarmOutput } from '@zonetrace/edge-agent'
import { describe, expect, it } from 'vitest'
import { scratchDirEach } from '../helpers/scratch-dir.ts'
import { recordedRuns, writeAlarmRecorder } from './alarm-recorder.ts'

const TIME = Date.UTC(2023, 2, 28, 22, 0, 0)

function event(kind: AlarmEvent['kind'], over: Partial<AlarmEvent> = {}): AlarmEvent {
  return {
    kind,
    ruleId: 'do-low',
    sensorId: 'pond-1',
    metric: 'dissolved_oxygen',
    value: kind === 'raised' ? 1.8 : 2.4,
    threshold: 2,
    severity: 'critical',
    time: TIME,
    label: { vi: 'Oxy hòa tan dưới 2 mg/L', en: 'Dissolved oxygen below 2 mg/L' },
    ...(kind === 'cleared' ? { reason: 'recovered' as const } : {}),
    ...over,
  }
}

interface Line {
  level: 'info' | 'warn' | 'error'
  obj: object
  msg: string
}
function recordingLogger(): AlarmLogger & { lines: Line[] } {
  const lines: Line[] = []
  return {
    lines,
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  // A killed orphan may linger as a zombie where PID 1 does not reap (containers): it is dead all the same.
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : ''
  return !/^\d+ \(.*\) Z/.test(stat)
}

const scratch = scratchDirEach('zt-alarm-output-')

describe('alarm output hooks', () => {
  it('runs the command per event, in order, with the event in ZT_ALARM_* and arguments passed verbatim', async () => {
    const script = await writeAlarmRecorder(scratch.path)
    const record = join(scratch.path, 'record.jsonl')
    const log = recordingLogger()
    const shellBait = '$(touch pwned); `touch pwned` | x'
    const output = createAlarmOutput({ command: [process.execPath, script, record, shellBait], log })
    output.handle(event('raised'))
    output.handle(event('cleared'))
    await output.flush()

    expect(await recordedRuns(record)).toEqual([
      {
        arg: shellBait,
        env: {
          ZT_ALARM_KIND: 'raised',
          ZT_ALARM_RULE: 'do-low',
          ZT_ALARM_SENSOR: 'pond-1',
          ZT_ALARM_METRIC: 'dissolved_oxygen',
          ZT_ALARM_VALUE: '1.8',
          ZT_ALARM_THRESHOLD: '2',
          ZT_ALARM_SEVERITY: 'critical',
          ZT_ALARM_TIME: '2023-03-28T22:00:00.000Z',
          ZT_ALARM_CRITICAL: '1',
        },
      },
      {
        arg: shellBait,
        env: expect.objectContaining({
          ZT_ALARM_KIND: 'cleared',
          ZT_ALARM_VALUE: '2.4',
          ZT_ALARM_CRITICAL: '0',
        }),
      },
    ])
    expect(await readdir(scratch.path)).not.toContain('pwned')
    expect(output.stats()).toMatchObject({ events: 2, commandRuns: 2, commandFailures: 0 })
  })

  it('logs each event in a line a technician can read, at a level by severity', () => {
    const log = recordingLogger()
    const output = createAlarmOutput({ log })
    output.handle(event('raised'))
    const phLabel = { vi: 'pH trên 9', en: 'pH above 9' }
    output.handle(
      event('raised', {
        ruleId: 'ph-high',
        metric: 'ph',
        severity: 'major',
        value: 9.3,
        threshold: 9,
        label: phLabel,
      }),
    )
    output.handle(event('cleared'))
    expect(log.lines.map((l) => [l.level, l.msg])).toEqual([
      [
        'error',
        'BÁO ĐỘNG [critical] Oxy hòa tan dưới 2 mg/L: cảm biến pond-1 đo 1.8 mg/L (ngưỡng 2 mg/L), ' +
          'lúc 2023-03-28T22:00:00.000Z, quy tắc do-low',
      ],
      [
        'warn',
        'BÁO ĐỘNG [major] pH trên 9: cảm biến pond-1 đo 9.3 (ngưỡng 9), ' +
          'lúc 2023-03-28T22:00:00.000Z, quy tắc ph-high',
      ],
      [
        'info',
        'HẾT BÁO ĐỘNG [critical] Oxy hòa tan dưới 2 mg/L: cảm biến pond-1 đo 2.4 mg/L (ngưỡng 2 mg/L), ' +
          'đã trở lại ngưỡng an toàn, lúc 2023-03-28T22:00:00.000Z, quy tắc do-low',
      ],
    ])
  })

  it('keeps the state file at 1 while any critical alarm is raised and 0 otherwise', async () => {
    const file = join(scratch.path, 'aerator')
    const output = createAlarmOutput({ file, log: recordingLogger() })
    await output.flush()
    expect(await readFile(file, 'utf8')).toBe('0\n')

    const states: string[] = []
    const step = async (e: AlarmEvent) => {
      output.handle(e)
      await output.flush()
      states.push(await readFile(file, 'utf8'))
    }
    await step(event('raised', { severity: 'major', ruleId: 'do-warn' }))
    await step(event('raised'))
    await step(event('raised', { sensorId: 'pond-2' }))
    await step(event('cleared'))
    await step(event('cleared', { sensorId: 'pond-2' }))
    expect(states).toEqual(['0\n', '1\n', '1\n', '1\n', '0\n'])
    expect(await readdir(scratch.path)).toEqual(['aerator'])
  })

  it('replaces the state file atomically: a reader polling it in another process never sees a partial file', async () => {
    // Fault looked for: a torn or empty read while 200 toggles are written; every read must be a state.
    const file = join(scratch.path, 'status')
    const stop = join(scratch.path, 'stop')
    const output = createAlarmOutput({ file, log: recordingLogger() })
    await output.flush()
    const reader = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('node:fs'); let reads = 0, bad = 0
while (!fs.existsSync(process.argv[2])) { const s = fs.readFileSync(process.argv[1], 'utf8'); reads++; if (s !== '0\\n' && s !== '1\\n') bad++ }
console.log(JSON.stringify({ reads, bad }))`,
        file,
        stop,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    reader.stdout.on('data', (c) => {
      out += c
    })
    for (let i = 0; i < 100; i++) {
      output.handle(event('raised'))
      await output.flush()
      output.handle(event('cleared'))
      await output.flush()
    }
    await writeFile(stop, '')
    await once(reader, 'exit')
    const { reads, bad } = JSON.parse(out)
    expect(reads).toBeGreaterThan(0)
    expect(bad).toBe(0)
    expect(output.stats()).toMatchObject({ fileFailures: 0, fileWrites: 201 })
  })

  it('logs and counts a failing, a missing and a hung command, and keeps going', async () => {
    // Faults: the relay script exits 3, the program does not exist, and a script hangs with a child of
    // its own. None may throw into the caller; the hung one and its child are killed at the timeout.
    const failing = join(scratch.path, 'failing.mjs')
    await writeFile(failing, `console.error('relay not found on /dev/ttyUSB0'); process.exit(3)\n`)
    const hung = join(scratch.path, 'hung.mjs')
    const childPid = join(scratch.path, 'child.pid')
    await writeFile(
      hung,
      `import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'inherit' })
writeFileSync(process.argv[2], String(c.pid))
setTimeout(() => {}, 60000)
`,
    )
    const file = join(scratch.path, 'state')
    const runs = async (command: string[], timeoutMs = 10_000) => {
      const log = recordingLogger()
      const output = createAlarmOutput({ command, commandTimeoutMs: timeoutMs, file, log })
      expect(() => output.handle(event('raised'))).not.toThrow()
      await output.flush()
      return { log, stats: output.stats() }
    }

    const exit3 = await runs([process.execPath, failing])
    expect(exit3.stats).toMatchObject({ commandRuns: 1, commandFailures: 1 })
    expect(exit3.log.lines.at(-1)).toMatchObject({ level: 'error' })
    expect(exit3.log.lines.at(-1)?.msg).toContain('exit code 3: relay not found on /dev/ttyUSB0')
    expect(await readFile(file, 'utf8')).toBe('1\n')

    const missing = await runs([join(scratch.path, 'no-such-relay')])
    expect(missing.stats.commandFailures).toBe(1)
    expect(missing.log.lines.at(-1)?.msg).toContain('could not start')

    const timeout = await runs([process.execPath, hung, childPid], 1_000)
    expect(timeout.stats.commandFailures).toBe(1)
    expect(timeout.log.lines.at(-1)?.msg).toContain('timed out after 1000 ms')
    const pid = Number(await readFile(childPid, 'utf8'))
    await expect.poll(() => alive(pid), { timeout: 5_000 }).toBe(false)
  })

  it('drops events beyond the queue while a command hangs, and counts them', async () => {
    const hung = join(scratch.path, 'hung.mjs')
    await writeFile(hung, 'setTimeout(() => {}, 60000)\n')
    const log = recordingLogger()
    const output = createAlarmOutput({
      command: [process.execPath, hung],
      commandTimeoutMs: 300,
      maxQueuedCommands: 2,
      log,
    })
    for (let i = 0; i < 5; i++) output.handle(event('raised', { sensorId: `pond-${i}` }))
    await output.flush()
    expect(output.stats()).toMatchObject({
      events: 5,
      commandRuns: 2,
      commandFailures: 2,
      commandsDropped: 3,
    })
    expect(log.lines.filter((l) => l.level === 'warn')).toHaveLength(3)
  })

  it('logs and counts a state file it cannot write, and retries on the next event', async () => {
    // Fault: the file's directory does not exist yet (a GPIO export not done). Events are still logged.
    const sub = join(scratch.path, 'gpio17')
    const log = recordingLogger()
    const output = createAlarmOutput({ file: join(sub, 'value'), log })
    output.handle(event('raised'))
    await output.flush()
    expect(output.stats()).toMatchObject({ events: 1, fileFailures: 2, fileWrites: 0, criticalActive: 1 })
    expect(log.lines.some((l) => l.msg.startsWith('BÁO ĐỘNG'))).toBe(true)

    await mkdir(sub)
    output.handle(event('raised', { sensorId: 'pond-2' }))
    await output.flush()
    expect(await readFile(join(sub, 'value'), 'utf8')).toBe('1\n')
  })

  it('refuses an empty command when created', () => {
    expect(() => createAlarmOutput({ command: [], log: recordingLogger() })).toThrow(/non-empty/)
  })
})
