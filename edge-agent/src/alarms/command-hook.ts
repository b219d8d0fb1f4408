// Runs the technician's alarm command (a relay or aerator script) once per event, in event order, with
// the event in ZT_ALARM_* environment variables. The program is started directly (spawn, as execFile
// does, but execFile cannot give the child its own process group), never through a shell: nothing in
// an event can be read as shell syntax. The child leads its own process group so a timeout kills the
// script and whatever it started, not the script alone.
import { type ChildProcess, spawn } from 'node:child_process'
import type { AlarmEvent } from './events.ts'

interface CommandHookOptions {
  /** Program and arguments, e.g. ['/usr/local/bin/aerator', '--pond', '2']. */
  command: readonly string[]
  timeoutMs: number
  /** Events waiting for the command beyond this are dropped (a hung script must not grow memory). */
  maxQueued: number
  onFailure: (err: Error, event: AlarmEvent) => void
  onDropped: (event: AlarmEvent) => void
}

export interface CommandHook {
  run(event: AlarmEvent, env: Record<string, string>): void
  /** Resolves once every queued run has finished. */
  idle(): Promise<void>
  runs(): number
}

const MAX_STDERR_CHARS = 500

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
}

// Settles when the command exits, not when its pipes close: a script may leave a helper running in the
// background, and that is its business once the script itself has returned.
function runOnce(command: readonly string[], env: Record<string, string>, timeoutMs: number): Promise<void> {
  const [file, ...args] = command as [string, ...string[]]
  return new Promise((resolve, reject) => {
    let stderr = ''
    let settled = false
    const child = spawn(file, args, {
      env: { ...process.env, ...env },
      detached: true,
      shell: false,
      stdio: ['ignore', 'ignore', 'pipe'],
      windowsHide: true,
    })
    const finish = (err?: Error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      ;(child.stderr as unknown as { unref?: () => void } | null)?.unref?.()
      if (err) reject(err)
      else resolve()
    }
    const timer = setTimeout(() => {
      killGroup(child)
      finish(new Error(`alarm command timed out after ${timeoutMs} ms and was killed`))
    }, timeoutMs)
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR_CHARS) stderr += chunk
    })
    child.on('error', (err) => finish(new Error(`alarm command could not start: ${err.message}`)))
    child.on('exit', (code, signal) => {
      if (code === 0) return finish()
      const status = signal ? `signal ${signal}` : `exit code ${code}`
      const tail = stderr.trim().slice(0, MAX_STDERR_CHARS)
      finish(new Error(`alarm command failed with ${status}${tail ? `: ${tail}` : ''}`))
    })
  })
}

export function createCommandHook(options: CommandHookOptions): CommandHook {
  if (options.command.length === 0 || options.command.some((a) => typeof a !== 'string' || a === '')) {
    throw new TypeError('alarm command must be a non-empty list of non-empty strings')
  }
  let tail = Promise.resolve()
  let queued = 0
  let runs = 0
  return {
    run(event, env) {
      if (queued >= options.maxQueued) {
        options.onDropped(event)
        return
      }
      queued++
      tail = tail.then(async () => {
        try {
          runs++
          await runOnce(options.command, env, options.timeoutMs)
        } catch (err) {
          options.onFailure(err as Error, event)
        } finally {
          queued--
        }
      })
      // Only a throwing failure handler (a broken logger) gets here; later runs must still go ahead.
      tail = tail.catch(() => {})
    },
    idle: () => tail,
    runs: () => runs,
  }
}
