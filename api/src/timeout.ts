// A hung pool must not hang a probe: load balancers and scrapers treat a slow answer like no answer.

/** How long /health and /metrics wait for a database to answer. */
export const PROBE_TIMEOUT_MS = 2000

/** `work`, or a rejection once `ms` have passed without it settling. */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}
