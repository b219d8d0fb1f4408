// Sends the spool over one live MQTT connection and acks entries once the platform has acknowledged them,
// which by issue 3 means committed. A fresh sender starts at the spool's head on every connection, so
// whatever was in flight when a link dropped is sent again (the broker stores a reading once).
//
// Live data first: the spool is split where this connection began. Entries appended since (live) and
// the backlog before it are sent alternately, one pack each, so a day of backlog never delays today's
// readings or alarms by more than one pack, while the backlog still gets nearly all the bandwidth
// because live data is sparse.
import { topics } from '@zonetrace/contracts'
import type { MqttClient } from 'mqtt'
import type { AgentReading } from '../reading.ts'
import type { SpoolStore } from '../spool/store.ts'
import { decodeEntry } from '../spool-codec.ts'
import { senmlPack } from './senml-pack.ts'

interface SenderOptions {
  client: MqttClient
  spool: SpoolStore
  gatewayId: string
  /** Packs awaiting their PUBACK at once. */
  window: number
  /** Readings per pack, at most. */
  packReadings: number
  onSent?: (readings: number, backlog: boolean) => void
  onUnreadable?: (seq: number) => void
}

export interface Sender {
  /** New entries were appended: send them if the window allows. */
  pump(): void
  stop(): void
  inflight(): number
}

interface Lane {
  next: number
  end: number
  backlog: boolean
}

export function createSender(o: SenderOptions): Sender {
  const backlog: Lane = { next: o.spool.head(), end: o.spool.tail(), backlog: true }
  const live: Lane = { next: o.spool.tail(), end: Number.POSITIVE_INFINITY, backlog: false }
  let inflight = 0
  let pumping = false
  // A pump() asked for while one runs: that run may have read the spool before the new entries landed.
  let again = false
  let stopped = false
  let preferLive = true

  async function pump(): Promise<void> {
    if (stopped) return
    if (pumping) {
      again = true
      return
    }
    pumping = true
    try {
      do {
        again = false
        await fill()
      } while (again && !stopped)
    } finally {
      pumping = false
    }
  }

  async function fill(): Promise<void> {
    while (!stopped && inflight < o.window) {
      const lanes = preferLive ? [live, backlog] : [backlog, live]
      let sent = false
      for (const lane of lanes) {
        if (await sendOne(lane)) {
          sent = true
          preferLive = lane.backlog
          break
        }
      }
      if (!sent) break
    }
  }

  /** Reads the lane's next entries into one publish; false when the lane has nothing to send. */
  async function sendOne(lane: Lane): Promise<boolean> {
    if (lane.next >= lane.end) return false
    const entries = (await o.spool.read(lane.next, o.packReadings)).filter((e) => e.seq < lane.end)
    if (entries.length === 0) {
      // Nothing readable yet: entries still being appended become readable once their fsync is done
      // (their accept() then pumps again). The backlog is finished only once everything below its end
      // has been acknowledged.
      if (lane.backlog && o.spool.head() >= lane.end) lane.next = lane.end
      return false
    }
    const seqs: number[] = []
    const readings: AgentReading[] = []
    for (const entry of entries) {
      const record = decodeEntry(entry.data)
      if (!record) {
        o.onUnreadable?.(entry.seq)
        await o.spool.ack([entry.seq])
        lane.next = entry.seq + 1
        continue
      }
      if (record.kind === 'alarm') {
        if (readings.length > 0) break
        lane.next = entry.seq + 1
        publish(topics.alarms(o.gatewayId), JSON.stringify(record.payload), [entry.seq], 0, lane)
        return true
      }
      if (readings.length > 0 && readings.length + record.readings.length > o.packReadings) break
      readings.push(...record.readings)
      seqs.push(entry.seq)
      lane.next = entry.seq + 1
    }
    if (seqs.length === 0) return true // only unreadable entries, skipped: try again
    publish(topics.readings(o.gatewayId), senmlPack(readings), seqs, readings.length, lane)
    return true
  }

  function publish(topic: string, payload: string, seqs: number[], readings: number, lane: Lane): void {
    inflight++
    o.client.publish(topic, payload, { qos: 1 }, (err) => {
      inflight--
      // A failed publish means the link dropped: the next connection starts again from the head.
      if (err || stopped) return
      o.spool
        .ack(seqs)
        .then(() => {
          o.onSent?.(readings, lane.backlog)
          void pump()
        })
        .catch(() => {})
    })
  }

  return {
    pump: () => void pump(),
    stop() {
      stopped = true
    },
    inflight: () => inflight,
  }
}
