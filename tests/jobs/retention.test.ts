// The retention job: readings older than READINGS_RETENTION_DAYS go a whole day-chunk at a time, dead
// letters older than DEAD_LETTER_RETENTION_DAYS go, job runs after 90 days and delivered webhooks after 30;
// a retention of 0 keeps forever.
import { applyRetention, emptyBatch, insertReadings } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../api/harness.ts'
import { backendName } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'

const DAY = 86_400_000
const now = Date.now()

const api = sharedFixture(() =>
  startHarness({ JOBS: 'off', READINGS_RETENTION_DAYS: '30', DEAD_LETTER_RETENTION_DAYS: '14' }),
)
beforeAll(async () => {
  const b = emptyBatch()
  for (const ageDays of [45, 40, 31.5, 29, 1]) {
    b.time.push(now - ageDays * DAY)
    b.sensorId.push('s-ret')
    b.metric.push('salinity')
    b.value.push(ageDays)
    b.quality.push(0)
  }
  await insertReadings(api.test.db, b)
  const db = api.test.db
  for (const age of [20, 15, 13, 1]) {
    await db.query(
      `insert into dead_letters (received_at, gateway_id, topic, reason, detail, payload, payload_size, truncated)
       values (now() - make_interval(days => $1), 'gw-x', 't', 'malformed_senml', $2, '\\x00', 1, false)`,
      [age, `${age} days old`],
    )
  }
  for (const [age, status] of [
    [100, 'ok'],
    [91, 'failed'],
    [89, 'skipped'],
  ] as const) {
    await db.query(
      `insert into job_runs (job, instance, status, started_at, finished_at)
       values ('compression', 'h:1', $2, now() - make_interval(days => $1), now() - make_interval(days => $1))`,
      [age, status],
    )
  }
  await seedDeliveries()
})

// Deliveries hang off an alert event, which hangs off an alert and its rule.
async function seedDeliveries(): Promise<void> {
  const db = api.test.db
  const [rule] = await db.query<{ id: number }>(
    `insert into alert_rules (zone_code, metric, kind, max, severity) values ($1, 'salinity', 'threshold', 5, 'major')
     returning id`,
    [api.zone],
  )
  const [alert] = await db.query<{ id: number }>(
    `insert into alerts (rule_id, channel, zone_code, metric, kind, severity, opened_at, last_triggered_at)
     values ($1, 's-ret', $2, 'salinity', 'threshold', 'major', now(), now()) returning id`,
    [rule!.id, api.zone],
  )
  const [event] = await db.query<{ id: number }>(
    `insert into alert_events (alert_id, type) values ($1, 'opened') returning id`,
    [alert!.id],
  )
  const [hook] = await db.query<{ id: number }>(
    `insert into webhooks (url, secret) values ('https://example.org/hook', 's') returning id`,
  )
  for (const [state, age] of [
    ['delivered', 31],
    ['delivered', 29],
    ['dead', 60],
    ['pending', 60],
  ] as const) {
    await db.query(
      `insert into webhook_deliveries (webhook_id, event_id, payload, state, created_at, delivered_at)
       values ($1, $2, '{}', $3, now() - make_interval(days => $4),
               case when $3 = 'delivered' then now() - make_interval(days => $4) end)`,
      [hook!.id, event!.id, state, age],
    )
  }
}

const ages = async () =>
  (
    await api.test.db.query<{ value: number }>(
      `select value from readings where sensor_id = 's-ret' order by time`,
    )
  ).map((r) => r.value)

describe(`retention on the ${backendName} backend`, () => {
  it('keeps readings and dead letters when both retentions are 0', async () => {
    const report = await applyRetention(
      api.test.db,
      { readingsRetentionDays: 0, deadLetterRetentionDays: 0 },
      new Date(now),
    )
    // Job runs and delivered webhooks have fixed periods (90 and 30 days), not a setting.
    expect(report).toEqual({
      readingsChunksDropped: null,
      deadLetters: null,
      jobRuns: 2,
      webhookDeliveries: 1,
    })
    expect(await ages()).toEqual([45, 40, 31.5, 29, 1])
    expect(await api.test.db.query('select 1 from dead_letters')).toHaveLength(4)
  })

  it('drops whole chunks past the readings retention and trims the other tables', async () => {
    const run = await api.app.jobs.run('retention', new Date(now))
    expect(run.status).toBe('ok')
    const detail = run.detail as {
      readingsChunksDropped: string[]
      deadLetters: number
      jobRuns: number
      webhookDeliveries: number
    }
    // One-day chunks: the 45-, 40- and 31.5-day-old readings sit in chunks that ended more than 30 days ago.
    expect(detail.readingsChunksDropped).toHaveLength(3)
    expect(await ages()).toEqual([29, 1])
    expect(detail).toMatchObject({ deadLetters: 2, jobRuns: 0, webhookDeliveries: 0 })
    const letters = await api.test.db.query<{ detail: string }>('select detail from dead_letters order by id')
    expect(letters.map((l) => l.detail)).toEqual(['13 days old', '1 days old'])
    const runs = await api.test.db.query<{ status: string }>(
      `select status from job_runs where job = 'compression' order by started_at`,
    )
    expect(runs).toEqual([{ status: 'skipped' }])
    const deliveries = await api.test.db.query<{ state: string }>(
      'select state from webhook_deliveries order by id',
    )
    expect(deliveries.map((d) => d.state)).toEqual(['delivered', 'dead', 'pending'])
  })

  it('finds nothing more to do on the next run', async () => {
    const run = await api.app.jobs.run('retention', new Date(now))
    expect(run.detail).toEqual({
      readingsChunksDropped: [],
      deadLetters: 0,
      jobRuns: 0,
      webhookDeliveries: 0,
    })
  })
})
