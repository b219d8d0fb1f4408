// What the retention job removes. Readings go a whole chunk (one day) at a time with drop_chunks, which
// frees the disk at once instead of leaving dead rows for vacuum; the small tables are trimmed by date.
// Continuous aggregates and rollup tables keep their buckets of dropped readings: the long history stays
// readable in hours and days after the raw readings are gone.
import type { Database } from './database.ts'

interface RetentionSettings {
  /** 0 keeps readings forever. */
  readingsRetentionDays: number
  /** 0 keeps dead letters forever. */
  deadLetterRetentionDays: number
}

/** Job runs are the operators' record of what the scheduler did; a quarter is enough to spot a pattern. */
const JOB_RUNS_KEEP_DAYS = 90
/** A delivered webhook needs no replay; its alert event stays in alert_events. */
const DELIVERED_WEBHOOKS_KEEP_DAYS = 30

interface RetentionReport {
  /** Names of the dropped readings chunks; null when readings are kept forever. */
  readingsChunksDropped: string[] | null
  deadLetters: number | null
  jobRuns: number
  webhookDeliveries: number
}

const DAY_MS = 86_400_000

export async function applyRetention(
  db: Pick<Database, 'query'>,
  settings: RetentionSettings,
  now: Date,
): Promise<RetentionReport> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString()
  let readingsChunksDropped: string[] | null = null
  if (settings.readingsRetentionDays > 0) {
    const rows = await db.query<{ chunk: string }>(
      `select drop_chunks('readings', older_than => $1::timestamptz)::text as chunk`,
      [before(settings.readingsRetentionDays)],
    )
    readingsChunksDropped = rows.map((r) => r.chunk)
  }
  let deadLetters: number | null = null
  if (settings.deadLetterRetentionDays > 0) {
    deadLetters = await deleted(db, 'delete from dead_letters where received_at < $1::timestamptz', [
      before(settings.deadLetterRetentionDays),
    ])
  }
  const jobRuns = await deleted(
    db,
    `delete from job_runs where started_at < $1::timestamptz and status <> 'running'`,
    [before(JOB_RUNS_KEEP_DAYS)],
  )
  const webhookDeliveries = await deleted(
    db,
    `delete from webhook_deliveries where state = 'delivered' and delivered_at < $1::timestamptz`,
    [before(DELIVERED_WEBHOOKS_KEEP_DAYS)],
  )
  return { readingsChunksDropped, deadLetters, jobRuns, webhookDeliveries }
}

async function deleted(db: Pick<Database, 'query'>, statement: string, params: unknown[]): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `with gone as (${statement} returning 1) select count(*)::int as n from gone`,
    params,
  )
  return row?.n ?? 0
}
