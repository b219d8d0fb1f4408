// What one spool entry holds: the readings of one accept() (a node's pack, a station file), or one alarm
// report for the platform. Compact JSON: a spool of a few days is millions of readings on a small flash
// card, and a technician can still read an entry with `strings`.
import { isMetric, Quality, type QualityFlag } from '@zonetrace/contracts'
import type { AgentReading } from './reading.ts'

type SpoolRecord = { kind: 'readings'; readings: AgentReading[] } | { kind: 'alarm'; payload: object }

type ReadingTuple = [sensorId: string, metric: string, time: number, value: number, quality: number]

export function encodeReadings(readings: readonly AgentReading[]): Buffer {
  const r: ReadingTuple[] = readings.map((x) => [x.sensorId, x.metric, x.time, x.value, x.quality])
  return Buffer.from(JSON.stringify({ r }))
}

export function encodeAlarm(payload: object): Buffer {
  return Buffer.from(JSON.stringify({ a: payload }))
}

const FLAGS = new Set<number>(Object.values(Quality))

/** Null for an entry this version cannot read: it is skipped (and acked) rather than blocking the spool. */
export function decodeEntry(data: Buffer): SpoolRecord | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(data.toString('utf8'))
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  if ('a' in parsed && typeof parsed.a === 'object' && parsed.a !== null) {
    return { kind: 'alarm', payload: parsed.a }
  }
  if (!('r' in parsed) || !Array.isArray(parsed.r)) return null
  const readings: AgentReading[] = []
  for (const t of parsed.r as unknown[]) {
    if (!Array.isArray(t) || t.length !== 5) return null
    const [sensorId, metric, time, value, quality] = t
    if (typeof sensorId !== 'string' || typeof metric !== 'string' || !isMetric(metric)) return null
    if (typeof time !== 'number' || typeof value !== 'number' || !FLAGS.has(quality)) return null
    readings.push({ sensorId, metric, time, value, quality: quality as QualityFlag })
  }
  return { kind: 'readings', readings }
}
