// Retained messages read from aedes' persistence, the same store SUBSCRIBE replays them from
// (lib/handlers/subscribe.js: persistence.createRetainedStreamCombi), so the answer holds with Redis too.
import type { Readable } from 'node:stream'
import type { Aedes } from 'aedes'
import type { PlatformMessage } from './index.ts'

interface RetainedStore {
  createRetainedStreamCombi(patterns: string[]): Readable
}

interface StoredPacket {
  topic: string
  payload: Buffer | string
  qos: 0 | 1 | 2
}

export async function readRetained(aedes: Aedes, topicFilter: string): Promise<PlatformMessage[]> {
  const store = (aedes as unknown as { persistence: RetainedStore }).persistence
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
