// Readings into one SenML pack for zt/v1/gw/{id}/readings: a base time for the pack and a base name per
// run of readings of one sensor, so a pack of a station's eight parameters costs little more than the
// numbers themselves. Times stay exactly the source's milliseconds (see docs/asyncapi.yaml, SenmlPack).
import { METRICS } from '@zonetrace/contracts'
import type { AgentReading } from '../reading.ts'

export function senmlPack(readings: readonly AgentReading[]): string {
  if (readings.length === 0) return '[]'
  let base = readings[0]!.time
  for (const r of readings) if (r.time < base) base = r.time
  const records: Record<string, unknown>[] = []
  let bn = ''
  for (const r of readings) {
    const rec: Record<string, unknown> = {}
    if (records.length === 0) rec.bt = base / 1000
    if (r.sensorId !== bn) {
      bn = r.sensorId
      rec.bn = `${bn}:`
    }
    rec.n = r.metric
    rec.u = METRICS[r.metric].unit
    rec.v = r.value
    if (r.time !== base) rec.t = (r.time - base) / 1000
    if (r.quality !== 0) rec.zq = r.quality
    records.push(rec)
  }
  return JSON.stringify(records)
}
