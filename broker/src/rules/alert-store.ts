// Writes what the evaluator decided, all in one transaction: alerts opened, retriggered or cleared (with
// their events and webhook deliveries, through recordAlertEvents), the latest value of open alerts, and
// the rule states a restart resumes from. Either all of it is committed or none, so a crash can never
// leave a state that says "alert open" without the alert, or an alert whose state was lost.
//
// When the database refuses that transaction for its data (a constraint, a value out of range), one rule's
// channel must not hold every other alert back: the engine would keep merging it into each later write.
// The write is then split by state key (a rule on a channel: its outcomes, its open alert's latest value and
// its state always travel together, so the guarantee above holds per key), and only the keys the database
// refuses alone are dropped, counted and logged without their values.
import type { AlertEvent } from '@zonetrace/contracts'
import {
  type AlertChange,
  type Database,
  isDataRefusal,
  isolateRows,
  recordAlertEvents,
  reportIsolation,
  type Transaction,
  type WarnLog,
} from '@zonetrace/db'
import { writerLog } from '../writer-log.ts'
import type { ChannelState } from './channel-state.ts'
import type { Evaluator, PendingOutcome } from './evaluator.ts'
import { encodeChannel, encodeSilence } from './state-codec.ts'

// A rule retired since the engine last reloaded opens nothing (the select finds no rule in force).
// One open live alert per (rule, channel): if one is already open (a state lost in a crash, or another
// broker's evaluation), the trigger is counted on it instead of opening a second (alerts_one_open_idx).
const OPEN_LIVE = `
  insert into alerts (rule_id, channel, sensor_id, gateway_id, zone_code, metric, kind, severity, historical,
                      opened_at, threshold, value, last_value, peak_value, last_triggered_at)
  select $1, $2, $3, $4, $5, $6, $7, $8, false, $9::timestamptz, $10::float8, $11::float8, $11, $11, $9
   where exists (select 1 from alert_rules where id = $1 and deleted_at is null)
  on conflict (rule_id, channel) where state = 'active' and not historical do update
     set trigger_count = alerts.trigger_count + 1, last_triggered_at = excluded.last_triggered_at,
         last_value = excluded.last_value, updated_at = now()
  returning id, (xmax = 0) as inserted`

const OPEN_HISTORICAL = `
  insert into alerts (rule_id, channel, sensor_id, gateway_id, zone_code, metric, kind, severity, historical,
                      opened_at, threshold, value, last_value, peak_value, last_triggered_at)
  select $1, $2, $3, $4, $5, $6, $7, $8, true, $9::timestamptz, $10::float8, $11::float8, $11, $11, $9
   where exists (select 1 from alert_rules where id = $1 and deleted_at is null)
  returning id, true as inserted`

const RETRIGGER = `
  update alerts set trigger_count = trigger_count + 1, last_triggered_at = $2, last_value = $3, updated_at = now()
   where id = $1 and state = 'active' returning id`

const CLEAR = `
  update alerts set state = 'cleared', cleared_at = greatest($2, opened_at), last_value = coalesce($3, last_value),
         updated_at = now()
   where id = $1 and state = 'active' returning id`

export interface Effects {
  outcomes: PendingOutcome[]
  dirty: Set<string>
  touched: Map<string, ChannelState>
}

interface Written {
  events: AlertEvent[]
  /** Alerts opened by this write, by state key: the caller applies them to its states once committed. */
  opened: Map<string, number>
}

export async function writeEffects(
  db: Database,
  evaluator: Evaluator,
  effects: Effects,
  log: WarnLog | undefined = writerLog(db),
): Promise<Written> {
  try {
    return await writeAll(db, evaluator, effects)
  } catch (err) {
    if (!isDataRefusal(err)) throw err
    return writeAround(db, evaluator, effects, err, log)
  }
}

/** Writes effects the database refused, key by key as isolateRows splits them; drops the keys it refuses. */
async function writeAround(
  db: Database,
  evaluator: Evaluator,
  effects: Effects,
  cause: unknown,
  log: WarnLog | undefined,
): Promise<Written> {
  const keys = [
    ...new Set([...effects.outcomes.map((o) => o.key), ...effects.dirty, ...effects.touched.keys()]),
  ]
  const written: Written = { events: [], opened: new Map() }
  const iso = await isolateRows(keys, {
    cause,
    async write(some) {
      const part = await writeAll(db, evaluator, onlyKeys(effects, new Set(some)))
      written.events.push(...part.events)
      for (const [key, id] of part.opened) written.opened.set(key, id)
    },
  })
  reportIsolation(log, 'alerts', iso, { outcomes: effects.outcomes.length })
  if (iso.error !== null) {
    // The database went away midway: what was written stays written and its alerts are known to their
    // states; the effects shrink to the rest, which the engine keeps and writes again.
    applyOpened(evaluator, written.opened)
    const left = onlyKeys(effects, new Set(iso.left))
    effects.outcomes = left.outcomes
    effects.dirty = left.dirty
    effects.touched = left.touched
    throw iso.error
  }
  // Opened alerts the caller's effects must know of, as writeAll marks them.
  for (const o of effects.outcomes)
    if (o.outcome.type === 'opened' && written.opened.has(o.key)) effects.dirty.add(o.key)
  return written
}

/** The part of the effects that belongs to these state keys, in their order. */
function onlyKeys(effects: Effects, keys: Set<string>): Effects {
  return {
    outcomes: effects.outcomes.filter((o) => keys.has(o.key)),
    dirty: new Set([...effects.dirty].filter((k) => keys.has(k))),
    touched: new Map([...effects.touched].filter(([k]) => keys.has(k))),
  }
}

async function writeAll(db: Database, evaluator: Evaluator, effects: Effects): Promise<Written> {
  return db.transaction(async (tx) => {
    const changes: AlertChange[] = []
    const opened = new Map<string, number>()
    for (const o of effects.outcomes) {
      const alertId = o.alertId ?? opened.get(o.key) ?? evaluator.lastOpened.get(o.key) ?? null
      const change = await writeOutcome(tx, o, alertId)
      if (!change) continue
      changes.push(change)
      if (o.outcome.type === 'opened') {
        opened.set(o.key, change.alertId)
        effects.dirty.add(o.key)
      }
    }
    await touchOpenAlerts(tx, effects.touched)
    await saveStates(tx, evaluator, effects.dirty, opened)
    return { events: await recordAlertEvents(tx, changes), opened }
  })
}

/** After the commit: states opened by the write learn their alert's id. */
export function applyOpened(evaluator: Evaluator, opened: Map<string, number>): void {
  for (const [key, id] of opened) {
    evaluator.lastOpened.set(key, id)
    const state = evaluator.states.get(key) ?? evaluator.silenceStates.get(key)
    if (state && state.alertId === null && state.phase !== 'ok') state.alertId = id
  }
}

async function writeOutcome(
  tx: Transaction,
  o: PendingOutcome,
  alertId: number | null,
): Promise<AlertChange | null> {
  const { outcome, rule, place } = o
  const dataTime = new Date(outcome.time)
  const value = rule.kind === 'offline' ? null : outcome.value
  if (outcome.type === 'opened') {
    const [row] = await tx.query<{ id: number; inserted: boolean }>(
      o.track === 'history' ? OPEN_HISTORICAL : OPEN_LIVE,
      [
        rule.id,
        place.channel,
        place.sensorId,
        place.gatewayId,
        place.zone,
        place.metric,
        rule.kind,
        rule.severity,
        dataTime,
        outcome.threshold,
        value,
      ],
    )
    if (!row) return null
    return { alertId: row.id, type: row.inserted ? 'opened' : 'retriggered', dataTime, value }
  }
  // Nothing to update when the alert was already cleared elsewhere (its rule retired, say).
  if (alertId === null) return null
  const [row] = await tx.query(outcome.type === 'cleared' ? CLEAR : RETRIGGER, [alertId, dataTime, value])
  return row ? { alertId, type: outcome.type, dataTime, value } : null
}

async function touchOpenAlerts(tx: Transaction, touched: Map<string, ChannelState>): Promise<void> {
  const open = [...touched.values()].filter((s) => s.alertId !== null && s.lastValue !== null)
  if (open.length === 0) return
  await tx.query(
    `update alerts a set last_value = t.last_value, peak_value = t.peak, updated_at = now()
       from unnest($1::bigint[], $2::float8[], $3::float8[]) as t(id, last_value, peak)
      where a.id = t.id and a.state = 'active'`,
    [open.map((s) => s.alertId), open.map((s) => s.lastValue), open.map((s) => s.peak ?? s.lastValue)],
  )
}

async function saveStates(
  tx: Transaction,
  evaluator: Evaluator,
  dirty: Set<string>,
  opened: Map<string, number>,
): Promise<void> {
  if (dirty.size === 0) return
  const ruleIds: number[] = []
  const channels: string[] = []
  const tracks: string[] = []
  const states: string[] = []
  for (const key of dirty) {
    const [track, ruleId, channel] = splitKey(key)
    const channelState = evaluator.states.get(key)
    const silence = evaluator.silenceStates.get(key)
    if (!channelState && !silence) continue
    ruleIds.push(ruleId)
    channels.push(channel)
    tracks.push(track)
    // The stored state must name the alert it holds open, or a restart could not clear it.
    const state = channelState ?? silence!
    const alertId = state.alertId ?? (state.phase === 'ok' ? null : (opened.get(key) ?? null))
    states.push(
      channelState ? encodeChannel({ ...channelState, alertId }) : encodeSilence({ ...silence!, alertId }),
    )
  }
  // Rules retired meanwhile are skipped by the join rather than failing the whole write.
  await tx.query(
    `insert into rule_states (rule_id, channel, track, state)
     select t.rule_id, t.channel, t.track, t.state
       from unnest($1::bigint[], $2::text[], $3::text[], $4::jsonb[]) as t(rule_id, channel, track, state)
       join alert_rules r on r.id = t.rule_id
     on conflict (rule_id, channel, track) do update set state = excluded.state, updated_at = now()`,
    [ruleIds, channels, tracks, states],
  )
}

/** `track|ruleId|channel`; the channel is last, so it may hold any character. */
export function splitKey(key: string): [string, number, string] {
  const a = key.indexOf('|')
  const b = key.indexOf('|', a + 1)
  return [key.slice(0, a), Number(key.slice(a + 1, b)), key.slice(b + 1)]
}
