// Client ids another broker node has just registered. When a gateway reconnects elsewhere with the same
// client id, aedes on that node announces it ($SYS/<node>/new/clients, aedes.js _finishRegisterClient) and
// this node closes its own connection of that id (closeSameClients), publishing the old connection's will:
// a will about a link that was replaced, not lost. publish/stale-will.ts drops it. Listening on the
// emitter before aedes does makes the mark land before the will reaches the publish hook.
import type mqemitterRedis from 'mqemitter-redis'

/** Long enough for the old connection's will to be published; a takeover closes it at once. */
const KEEP_MS = 60_000

export interface Takeovers {
  /** Whether another node registered this client id within the last minute. */
  elsewhere(clientId: string): boolean
}

export function watchTakeovers(mq: ReturnType<typeof mqemitterRedis>, nodeId: string): Takeovers {
  const seen = new Map<string, number>()
  mq.on('$SYS/+/new/clients', (packet, done) => {
    const { topic, payload } = packet as { topic: string; payload?: Buffer | string }
    if (topic.split('/')[1] !== nodeId && payload !== undefined) {
      const now = Date.now()
      seen.set(payload.toString(), now)
      // Oldest first (insertion order): drop what is too old to matter.
      for (const [id, at] of seen) {
        if (now - at < KEEP_MS) break
        seen.delete(id)
      }
    }
    done()
  })
  return {
    elsewhere(clientId) {
      const at = seen.get(clientId)
      return at !== undefined && Date.now() - at < KEEP_MS
    },
  }
}

/** For a broker alone: nobody else can take a connection over. */
export const noTakeovers: Takeovers = { elsewhere: () => false }
