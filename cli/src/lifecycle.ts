// Long-running commands: resources are closed in reverse order of start when SIGINT or SIGTERM arrives,
// including during start-up (Ctrl-C while the embedded database is still opening).
import { CliError } from './errors.ts'
import type { Logger } from './logger.ts'

interface Lifecycle {
  /** Resolves with the first SIGINT or SIGTERM. */
  readonly signalled: Promise<NodeJS.Signals>
  stopping(): boolean
  /** Registers a closer; closers run last-registered first. */
  defer(name: string, close: () => Promise<void>): void
  /** Runs every closer once, logging (not throwing) failures; true when all closed cleanly. */
  shutdown(): Promise<boolean>
}

function createLifecycle(logger: Logger): Lifecycle {
  const closers: { name: string; close: () => Promise<void> }[] = []
  let received: NodeJS.Signals | undefined
  let resolveSignal: (s: NodeJS.Signals) => void = () => {}
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    resolveSignal = resolve
  })
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      // A second Ctrl-C means "now": the user has given up on a clean stop.
      logger.warn({ signal }, 'second signal, exiting without cleanup')
      process.exit(130)
    }
    received = signal
    logger.info({ signal }, 'shutting down')
    resolveSignal(signal)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  let done: Promise<boolean> | undefined
  return {
    signalled,
    stopping: () => received !== undefined,
    defer(name, close) {
      closers.push({ name, close })
    },
    shutdown() {
      done ??= (async () => {
        let clean = true
        for (const { name, close } of closers.reverse()) {
          try {
            await close()
          } catch (err) {
            clean = false
            logger.error({ err, component: name }, 'failed to close cleanly')
          }
        }
        return clean
      })()
      return done
    },
  }
}

/**
 * Runs `start`, which opens resources and registers their closers, then waits for SIGINT or SIGTERM and
 * closes everything. A failed start closes what was opened and rethrows.
 */
export async function serveUntilSignal(
  logger: Logger,
  start: (life: Lifecycle) => Promise<void>,
): Promise<void> {
  const life = createLifecycle(logger)
  let failure: unknown
  try {
    await start(life)
    await life.signalled
  } catch (err) {
    failure = err
  }
  const clean = await life.shutdown()
  if (failure !== undefined) throw failure
  if (!clean) throw new CliError('some components did not close cleanly; see the log above')
  logger.info('stopped')
}
