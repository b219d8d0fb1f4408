// Reconnect delays for a link that may be down for days: exponential from minMs to maxMs with full
// jitter, so a village of gateways coming back after a power cut does not reconnect in lockstep.
export interface Backoff {
  minMs: number
  maxMs: number
}

export function reconnectDelay(attempt: number, b: Backoff, random = Math.random): number {
  const ceiling = Math.min(b.maxMs, b.minMs * 2 ** Math.min(attempt, 30))
  return Math.round(b.minMs / 2 + random() * (ceiling - b.minMs / 2))
}
