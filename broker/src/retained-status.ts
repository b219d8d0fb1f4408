// The retained status topic as the broker itself writes it. No client may subscribe to status topics
// (acl/rules.ts): what is retained there serves the platform and its operators (RunningBroker.retained,
// or HGET retained zt/v1/gw/{id}/status in Redis), so the broker keeps it agreeing with presence.
import { type GatewayStatus, topics } from '@zonetrace/contracts'
import type { Aedes } from 'aedes'
import { publishRetained, readRetained } from './retained.ts'

export function publishStatus(aedes: Aedes, gatewayId: string, status: object): Promise<void> {
  return publishRetained(aedes, topics.status(gatewayId), status)
}

export function offlineStatus(reason?: GatewayStatus['reason']): GatewayStatus {
  return { state: 'offline', at: new Date().toISOString(), ...(reason ? { reason } : {}) }
}

/** The `state` of the retained status, when there is one and it says. */
export async function retainedState(aedes: Aedes, gatewayId: string): Promise<string | undefined> {
  const [message] = await readRetained(aedes, topics.status(gatewayId))
  if (!message) return undefined
  try {
    const status: unknown = JSON.parse(message.payload.toString())
    const state = (status as { state?: unknown } | null)?.state
    return typeof state === 'string' ? state : undefined
  } catch {
    return undefined
  }
}

/** Runs work on every item, at most `limit` at a time: a reconnect storm claims thousands at once. */
export async function eachLimited<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}
