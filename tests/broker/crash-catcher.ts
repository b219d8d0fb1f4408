// The broker under test runs in the test's own process: an error nobody listens to lands in the process's
// uncaughtException or unhandledRejection handlers, where vitest would report it after the fact, or not at
// all. The fault-injection tests collect those errors instead, so a test can require that there were none.

export interface CrashCatcher {
  /** What reached the process handlers since catchCrashes() (a test may empty it). */
  readonly crashes: unknown[]
  /** Removes the handlers. */
  stop(): void
}

export function catchCrashes(): CrashCatcher {
  const crashes: unknown[] = []
  const onCrash = (err: unknown) => crashes.push(err)
  process.on('uncaughtException', onCrash)
  process.on('unhandledRejection', onCrash)
  return {
    crashes,
    stop() {
      process.off('uncaughtException', onCrash)
      process.off('unhandledRejection', onCrash)
    },
  }
}
