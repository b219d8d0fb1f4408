// When a failed webhook delivery is tried again.

const RETRY_BASE_MS = 10_000
const RETRY_CAP_MS = 3_600_000

/**
 * The wait after the n-th failed attempt: 10 s · 2^(n−1), capped at an hour, then spread ±20 % so the
 * deliveries of one outage do not all come back in the same second.
 */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, failedAttempts - 1))
  return Math.round(base * (0.8 + 0.4 * random()))
}
