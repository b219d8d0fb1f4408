// The one way a test waits for something that happens on its own time (a broker delivery, a file move, a job
// run): poll a probe until it answers, fail with what was awaited. Prefer vi.waitFor where the wait is an
// `expect` that should report its own diff; use `until` where the probe yields a value the test goes on with.

export interface WaitOptions {
  /** How long to keep polling before failing; generous, because CI machines are shared and slow. */
  timeoutMs?: number
  /** The pause between probes. */
  intervalMs?: number
  /** Count a probe that throws as "not yet" (a server still starting, a file half written) instead of failing. */
  retryErrors?: boolean
}

/** What a probe answers while the awaited thing has not happened yet. */
type NotYet = false | undefined | null

/**
 * Polls `probe` until it answers something other than false, undefined or null, and returns that answer.
 * `what` names the awaited event, so a timeout says "timed out waiting for the accept call".
 */
export async function until<T>(
  what: string,
  probe: () => T | NotYet | Promise<T | NotYet>,
  { timeoutMs = 20_000, intervalMs = 50, retryErrors = false }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    let answer: T | NotYet
    try {
      answer = await probe()
    } catch (err) {
      if (!retryErrors) throw err
      answer = undefined
    }
    if (answer !== false && answer !== undefined && answer !== null) return answer
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(intervalMs)
  }
}

/** A plain pause, for tests that must let time pass (a settle interval, a heartbeat) rather than await an event. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
