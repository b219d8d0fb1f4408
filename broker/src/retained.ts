// Retained messages the broker itself publishes, and read back from aedes' persistence, the same store SUBSCRIBE replays them from
// (lib/handlers/subscribe.js: persistence.createRetainedStreamCombi), so the answer holds with Redis too.
import type { Aedes } from 'aedes'
import { retainedStore } from './aedes-internals.ts'
import type { PlatformMessage } from './index.ts'

interface StoredPacket {
  topic: string
  payload: Buffer | string
  qos: 0 | 1 | 2
}

export async function readRetained(aedes: Aedes, topicFilter: string): Promise<PlatformMessage[]> {
  const store = retainedStore(aedes)
  const messages: PlatformMessage[] = []
  for await (const packet of store.createRetainedStreamCombi([topicFilter]) as AsyncIterable<StoredPacket>) {
    messages.push({
      topic: packet.topic,
      payload: packet.payload,
      qos: packet.qos === 0 ? 0 : 1,
      retain: true,
    })
  }
  return messages
}

/** Publishes `body` as JSON, retained, as the broker; resolves once stored (in Redis when clustered). */
export function publishRetained(aedes: Aedes, topic: string, body: object): Promise<void> {
  return new Promise((resolve, reject) =>
    aedes.publish(
      { cmd: 'publish', topic, payload: Buffer.from(JSON.stringify(body)), qos: 1, retain: true, dup: false },
      (err) => (err ? reject(err) : resolve()),
    ),
  )
}
