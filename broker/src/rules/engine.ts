// The broker's alert engine. Readings reach it after their commit (so an alert never points at a reading
// the database does not have), a pack's arrival is noted before (so offline detection sees every sign of
// life at once). One work chain serialises evaluation, sweeps and reloads: an offline alert and the data
// that clears it are always handled in the order they happened, never racing each other.
import type { AlertEvent } from '@zonetrace/contracts'
import { type Database, emptyBatch, type ReadingBatch, rulesVersion } from '@zonetrace/db'
import type { Logger } from 'pino'
import { applyOpened, type Effects, writeEffects } from './alert-store.ts'
import { catchUp } from './catch-up.ts'
import { Evaluator } from './evaluator.ts'
import { loadRuleIndex, restoreStates } from './load.ts'

export interface AlertEngineOptions {
  /** Readings arriving more than this behind their data time are backfill: historical alerts. */
  lateAfterSeconds: number
  /** How often silent channels are checked (10 s). */
  sweepMs?: number
  /** How often rules are checked for changes (2 s). */
  reloadMs?: number
  /** Wall clock; tests move it. */
  now?: () => number
  /** Called with the events of every committed write, for an in-process live stream or nudge. */
  onEvents?: (events: AlertEvent[]) => void
}

export interface AlertEngineStats {
  rules: number
  watchedChannels: number
  readingsEvaluated: number
  writes: number
  writeFailures: number
  alertsOpened: number
  alertsCleared: number
  /** Time spent evaluating readings on this thread (ms), writes excluded: the engine's own cost. */
  evaluateMs: number
}

export interface AlertEngine {
  /** A gateway made contact (connected, or published anything): a sign of life for gateway offline rules. */
  seen(gatewayId: string, at: number): void
  /** A gateway's readings were admitted: a sign of life for its sensors too. */
  arrived(gatewayId: string, rows: ReadingBatch, at: number): void
  committed(gatewayId: string, rows: ReadingBatch, at: number): void
  /** Checks for silent channels now (the timer does it every sweepMs). */
  sweep(): Promise<void>
  /** Reloads rules and sensors now if they changed (the timer does it every reloadMs). */
  reload(force?: boolean): Promise<void>
  /** Resolves once everything received so far is evaluated and written. */
  flush(): Promise<void>
  close(): Promise<void>
  stats(): AlertEngineStats
}

const RETRY_MS = [100, 500, 2000, 5000]

export async function startAlertEngine(
  db: Database,
  log: Logger,
  opts: AlertEngineOptions,
): Promise<AlertEngine> {
  const now = opts.now ?? Date.now
  const startedAt = now()
  const evaluator = new Evaluator(await loadRuleIndex(db), opts.lateAfterSeconds)
  let version = await rulesVersion(db)
  await restoreStates(db, evaluator)
  await catchUp(db, evaluator, log)
  const counters = {
    readingsEvaluated: 0,
    writes: 0,
    writeFailures: 0,
    alertsOpened: 0,
    alertsCleared: 0,
    evaluateMs: 0,
  }
  let inbox: { rows: ReadingBatch; at: number }[] = []
  let chain: Promise<void> = Promise.resolve()
  let scheduled = false
  let closed = false
  // Effects that failed to write: kept and written first next time, so a database outage delays alerts
  // but loses none.
  let unwritten: Effects | null = null

  const enqueue = (work: () => Promise<void>): Promise<void> => {
    chain = chain.then(work).catch((err) => log.error({ err }, 'alert engine step failed'))
    return chain
  }

  async function write(): Promise<void> {
    const taken = evaluator.take(now())
    const effects: Effects = unwritten ? merge(unwritten, taken) : taken
    if (effects.outcomes.length === 0 && effects.dirty.size === 0 && effects.touched.size === 0) return
    for (let attempt = 0; ; attempt++) {
      try {
        const { events, opened } = await writeEffects(db, evaluator, effects, log)
        applyOpened(evaluator, opened)
        unwritten = null
        counters.writes++
        for (const o of effects.outcomes) {
          if (o.outcome.type === 'opened') counters.alertsOpened++
          if (o.outcome.type === 'cleared') counters.alertsCleared++
        }
        if (events.length > 0) opts.onEvents?.(events)
        return
      } catch (err) {
        counters.writeFailures++
        if (closed || attempt >= RETRY_MS.length) {
          unwritten = effects
          log.error({ err, outcomes: effects.outcomes.length }, 'alert write failed; kept for the next write')
          return
        }
        await new Promise((r) => setTimeout(r, RETRY_MS[attempt]))
      }
    }
  }

  // At most one evaluation step waits in the chain: packs committed while a write is under way join the
  // next step, so under load the engine writes once per database round trip, not once per pack.
  function drain(): Promise<void> {
    scheduled = false
    const batch = inbox
    inbox = []
    const started = performance.now()
    for (const { rows, at } of batch) {
      evaluator.evaluate(rows, at)
      counters.readingsEvaluated += rows.time.length
    }
    counters.evaluateMs += performance.now() - started
    return write()
  }

  async function reload(force = false): Promise<void> {
    await enqueue(async () => {
      const current = await rulesVersion(db)
      if (!force && current === version) return
      version = current
      evaluator.index = await loadRuleIndex(db)
    })
  }

  const sweep = () =>
    enqueue(async () => {
      const at = now()
      evaluator.sweep(at, startedAt, evaluator.watchesGateways() ? await gatewaysLastSeen(db, at) : undefined)
      await write()
    })

  const sweepTimer = setInterval(() => void sweep(), opts.sweepMs ?? 10_000)
  const reloadTimer = setInterval(() => void reload(), opts.reloadMs ?? 2_000)
  sweepTimer.unref()
  reloadTimer.unref()

  const noReadings = emptyBatch()
  return {
    seen(gatewayId, at) {
      evaluator.arrived(gatewayId, noReadings, at)
    },
    arrived(gatewayId, rows, at) {
      evaluator.arrived(gatewayId, rows, at)
    },
    committed(_gatewayId, rows, at) {
      if (closed) return
      inbox.push({ rows, at })
      if (!scheduled) {
        scheduled = true
        void enqueue(drain)
      }
    },
    sweep,
    reload,
    async flush() {
      await enqueue(drain)
    },
    async close() {
      clearInterval(sweepTimer)
      clearInterval(reloadTimer)
      await enqueue(drain)
      closed = true
    },
    stats: () => ({
      rules:
        new Set([...evaluator.index.readings.values()].flatMap((c) => c.rules.map((r) => r.id))).size +
        new Set(evaluator.index.silences.map((w) => w.rule.id)).size,
      watchedChannels: evaluator.index.readings.size + evaluator.index.silences.length,
      ...counters,
    }),
  }
}

/**
 * Every gateway's last sign of life by the cluster's presence (node-presence.ts): a gateway online on any
 * node is alive now, whichever node holds it; an offline one was last alive at its last_seen_at. Gateway
 * offline rules thus read the same online flag as the API and the retained status, and a gateway on a lost
 * node counts as silent from its node's last heartbeat once that node is taken over.
 */
async function gatewaysLastSeen(db: Database, now: number): Promise<Map<string, number>> {
  const rows = await db.query<{ id: string; online: boolean; lastSeenAt: Date | null }>(
    `select id, online, last_seen_at as "lastSeenAt" from gateways where online or last_seen_at is not null`,
  )
  const seen = new Map<string, number>()
  for (const r of rows) {
    if (r.online) seen.set(r.id, now)
    else if (r.lastSeenAt) seen.set(r.id, r.lastSeenAt.getTime())
  }
  return seen
}

function merge(a: Effects, b: Effects): Effects {
  return {
    outcomes: [...a.outcomes, ...b.outcomes],
    dirty: new Set([...a.dirty, ...b.dirty]),
    touched: new Map([...a.touched, ...b.touched]),
  }
}
