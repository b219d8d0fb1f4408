import {
  complianceDaysDue,
  computeCompliance,
  type Database,
  listZoneCodes,
  vietnamDate,
} from '@zonetrace/db'
import type { JobDefinition } from './job.ts'

/** How far back a missed report is made up: a week of scheduler downtime. */
const COMPLIANCE_CATCH_UP_DAYS = 7

// Four times a day, so readings a gateway backfills during the morning still reach yesterday's report.
export const complianceJob: JobDefinition = {
  name: 'compliance',
  schedule: '30 0,6,12,18 * * *',
  lockKey: 7_262_104,
  description: {
    vi: 'Báo cáo tuân thủ hằng ngày của từng vùng trồng: tỷ lệ số đo nằm trong ngưỡng, theo chỉ tiêu',
    en: 'Daily compliance report per growing area: share of readings within its limits, per metric',
  },
  run: ({ db, now }) => catchUpCompliance(db, now, COMPLIANCE_CATCH_UP_DAYS),
}

/**
 * Computes every growing area's daily reports still missing over the last `days` Vietnamese days. The job
 * looks back a week; the demo looks back over the history it seeds, so its reports are there at once.
 */
export async function catchUpCompliance(db: Database, now: Date, days: number) {
  const today = vietnamDate(now.getTime())
  const zones: Record<string, { days: string[]; rows: number }> = {}
  for (const zone of await listZoneCodes(db)) {
    const due = await complianceDaysDue(db, zone, today, days)
    const rows = await computeCompliance(db, zone, due)
    if (rows > 0) zones[zone] = { days: due, rows }
  }
  return { today, zones }
}
