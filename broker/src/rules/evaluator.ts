// Runs committed readings through the rules that watch their channels and collects what must be written:
// alert outcomes in order, states a restart must see, and open alerts whose latest value moved. Readings
// that arrived more than lateAfter behind their data time are backfill: they run on a separate `history`
// track whose alerts are marked historical, so a gateway emptying its spool after an outage never pages
// anyone about the past nor disturbs the live state. Quality-flagged readings never count.
import type { AlertRule } from '@zonetrace/contracts'
import type { ReadingBatch } from '@zonetrace/db'
import { type ChannelState, initialState, type Outcome, step } from './channel-state.ts'
import { type RuleIndex, readingKey, type SensorInfo, type SilenceWatch } from './rule-index.ts'

export type Track = 'live' | 'history'

/** What an alert row needs to know about where it is filed. */
export interface AlertPlace {
  channel: string
  sensorId: string | null
  gatewayId: string | null
  zone: string | null
  metric: string | null
}

export interface PendingOutcome {
  key: string
  track: Track
  rule: AlertRule
  place: AlertPlace
  outcome: Outcome
  /** The open alert when the step ran; null for an alert opened earlier in the same unwritten batch. */
  alertId: number | null
}

export interface SilenceState {
  phase: 'ok' | 'active'
  alertId: number | null
}

const TOUCH_EVERY_MS = 10_000

export const stateKey = (track: Track, ruleId: number, channel: string) => `${track}|${ruleId}|${channel}`

export class Evaluator {
  index: RuleIndex
  readonly states = new Map<string, ChannelState>()
  readonly silenceStates = new Map<string, SilenceState>()
  /** Last arrival (wall clock) per watched gateway or sensor channel. */
  readonly arrivals = new Map<string, number>()
  /**
   * The last alert opened per state key, kept after the state moved on: an offline alert cleared by data
   * that arrived while its opening was still being written learns its id here.
   */
  readonly lastOpened = new Map<string, number>()
  outcomes: PendingOutcome[] = []
  dirty = new Set<string>()
  /**
   * Open alerts whose latest value moved: key → state. An alert's latest value is written at most every
   * TOUCH_EVERY_MS (its peak at once when it worsens), so a long excursion costs a row update now and
   * then, not one per reading.
   */
  touched = new Map<string, ChannelState>()
  readonly #touchWritten = new Map<string, { at: number; peak: number | null }>()
  readonly #lateAfterMs: number

  constructor(index: RuleIndex, lateAfterSeconds: number) {
    this.index = index
    this.#lateAfterMs = lateAfterSeconds * 1000
  }

  /** Evaluates a committed batch that arrived at `arrival` (wall clock, ms). */
  evaluate(rows: ReadingBatch, arrival: number): void {
    const { readings } = this.index
    const late = arrival - this.#lateAfterMs
    for (let i = 0; i < rows.time.length; i++) {
      if (rows.quality[i] !== 0) continue
      const time = rows.time[i]!
      const channel = readings.get(readingKey(rows.sensorId[i]!, rows.metric[i]!))
      if (!channel) continue
      const track: Track = time < late ? 'history' : 'live'
      const value = rows.value[i]!
      for (const rule of channel.rules) this.#apply(track, rule, channel.sensor, time, value)
    }
  }

  /** Replays stored readings of one channel on the live track (catch-up after a restart). */
  replay(rule: AlertRule, sensor: SensorInfo, time: number, value: number): void {
    this.#apply('live', rule, sensor, time, value)
  }

  #apply(track: Track, rule: AlertRule, sensor: SensorInfo, time: number, value: number): void {
    const key = stateKey(track, rule.id, sensor.sensorId)
    let state = this.states.get(key)
    if (!state) {
      state = initialState()
      this.states.set(key, state)
    }
    const alertId = state.alertId
    const { outcome, changed } = step(rule, state, time, value)
    if (changed) this.dirty.add(key)
    if (outcome) {
      this.outcomes.push({ key, track, rule, place: placeOf(sensor), outcome, alertId })
      if (outcome.type === 'cleared') {
        this.touched.delete(key)
        this.#touchWritten.delete(key)
      }
    } else if (state.phase === 'active' || state.phase === 'clearing') {
      this.touched.set(key, state)
    }
  }

  /** Notes a sign of life from a gateway (and its sensors, when offline rules watch sensors). */
  arrived(gatewayId: string, rows: ReadingBatch, at: number): void {
    this.arrivals.set(`gw:${gatewayId}`, at)
    if (this.index.sensorSilences) {
      for (let i = 0; i < rows.sensorId.length; i++) {
        this.arrivals.set(`s:${rows.sensorId[i]}`, at)
        this.arrivals.set(`s:${rows.sensorId[i]}:${rows.metric[i]}`, at)
      }
    }
    for (const watch of this.index.silencesByGateway.get(gatewayId) ?? []) {
      const key = stateKey('live', watch.rule.id, watch.channel)
      const state = this.silenceStates.get(key)
      if (state?.phase !== 'active' || this.arrivals.get(watch.channel) !== at) continue
      const alertId = state.alertId
      state.phase = 'ok'
      state.alertId = null
      this.#silenceOutcome(watch, key, { type: 'cleared', time: at, value: 0 }, alertId)
    }
  }

  #silenceOutcome(watch: SilenceWatch, key: string, outcome: Outcome, alertId: number | null): void {
    this.dirty.add(key)
    this.outcomes.push({ key, track: 'live', rule: watch.rule, place: silencePlace(watch), outcome, alertId })
  }

  /**
   * Opens an offline alert for every watched channel silent longer than its rule allows. `seen` is each
   * gateway's last_seen_at from the database: another broker may hold the gateway now, and what it saw
   * counts as a sign of life here too (and clears an offline alert this broker raised before the move).
   */
  sweep(now: number, startedAt: number, seen: ReadonlyMap<string, number> = new Map()): void {
    for (const watch of this.index.silences) {
      const key = stateKey('live', watch.rule.id, watch.channel)
      let state = this.silenceStates.get(key)
      if (!state) {
        state = { phase: 'ok', alertId: null }
        this.silenceStates.set(key, state)
      }
      const local = this.arrivals.get(watch.channel)
      const elsewhere = watch.sensorId === null ? seen.get(watch.gatewayId) : undefined
      if (elsewhere !== undefined && (local === undefined || elsewhere > local)) {
        this.arrivals.set(watch.channel, elsewhere)
        if (state.phase === 'active') {
          const alertId = state.alertId
          state.phase = 'ok'
          state.alertId = null
          this.#silenceOutcome(watch, key, { type: 'cleared', time: elsewhere, value: 0 }, alertId)
          continue
        }
      }
      if (state.phase === 'active') continue
      const last = this.arrivals.get(watch.channel) ?? startedAt
      const deadline = last + watch.rule.silentSeconds! * 1000
      if (now < deadline) continue
      state.phase = 'active'
      this.#silenceOutcome(watch, key, { type: 'opened', time: deadline, value: 0, threshold: null }, null)
    }
  }

  /** Whether any offline rule watches whole gateways (then sweeps want their last_seen_at). */
  watchesGateways(): boolean {
    return this.index.silences.some((w) => w.sensorId === null)
  }

  /** Hands over what must be written now (at wall time `now`), and starts collecting afresh. */
  take(now: number): { outcomes: PendingOutcome[]; dirty: Set<string>; touched: Map<string, ChannelState> } {
    const due = new Map<string, ChannelState>()
    const later = new Map<string, ChannelState>()
    for (const [key, state] of this.touched) {
      const written = this.#touchWritten.get(key)
      if (!written || now - written.at >= TOUCH_EVERY_MS || written.peak !== state.peak) {
        due.set(key, state)
        this.#touchWritten.set(key, { at: now, peak: state.peak })
      } else later.set(key, state)
    }
    const taken = { outcomes: this.outcomes, dirty: this.dirty, touched: due }
    this.outcomes = []
    this.dirty = new Set()
    this.touched = later
    return taken
  }
}

function placeOf(s: SensorInfo): AlertPlace {
  return { channel: s.sensorId, sensorId: s.sensorId, gatewayId: s.gatewayId, zone: s.zone, metric: s.metric }
}

function silencePlace(w: SilenceWatch): AlertPlace {
  return { channel: w.channel, sensorId: w.sensorId, gatewayId: w.gatewayId, zone: w.zone, metric: w.metric }
}
