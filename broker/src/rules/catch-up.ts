// After a restart: readings committed after a channel's state was last written (the process died between
// commit and evaluation) are replayed from the database, for channels in the middle of something
// (pending, active or clearing). Channels at rest restart from the next reading. Replays of readings
// already applied are skipped by the state's lastTime, so nothing is counted twice.
import type { Database } from '@zonetrace/db'
import type { Logger } from 'pino'
import { splitKey } from './alert-store.ts'
import type { Evaluator } from './evaluator.ts'
import { readingKey } from './rule-index.ts'

const MAX_CHANNELS = 2000
const MAX_READINGS = 10_000

export async function catchUp(db: Pick<Database, 'query'>, evaluator: Evaluator, log: Logger): Promise<void> {
  let replayed = 0
  let channels = 0
  for (const [key, state] of evaluator.states) {
    if (state.phase === 'ok' || !Number.isFinite(state.lastTime)) continue
    const [track, ruleId, sensorId] = splitKey(key)
    if (track !== 'live') continue
    const channel = [...evaluator.index.readings.values()].find(
      (c) => c.sensor.sensorId === sensorId && c.rules.some((r) => r.id === ruleId),
    )
    const rule = channel?.rules.find((r) => r.id === ruleId)
    if (!channel || !rule || !evaluator.index.readings.has(readingKey(sensorId, channel.sensor.metric)))
      continue
    if (++channels > MAX_CHANNELS) break
    const rows = await db.query<{ time: Date; value: number }>(
      `select time, value from readings
        where sensor_id = $1 and metric = $2 and time > $3 and quality = 0 order by time limit ${MAX_READINGS}`,
      [sensorId, channel.sensor.metric, new Date(state.lastTime)],
    )
    for (const r of rows) evaluator.replay(rule, channel.sensor, r.time.getTime(), r.value)
    replayed += rows.length
  }
  if (replayed > 0)
    log.info({ channels, replayed }, 'alert engine replayed readings committed before the restart')
}
