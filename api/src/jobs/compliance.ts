import { complianceDaysDue, computeCompliance, listZoneCodes, vietnamDate } from '@zonetrace/db'
import type { JobDefinition } from './job.ts'

/** How far back a missed report is made up: a week of scheduler downtime. */
export const COMPLIANCE_CATCH_UP_DAYS = 7

// Four times a day, so readings a gateway backfills during the morning still reach yesterday's report.
export const complianceJob: JobDefinition = {
  name: 'compliance',
  schedule: '30 0,6,12,18 * * *',
  lockKey: 7_262_104,
  description: {
    vi: 'Báo cáo tuân thủ hằng ngày của từng vùng trồng: tỷ lệ số đo nằm trong ngưỡng, theo chỉ tiêu',
    en: 'Daily compliance report per growing area: share of readings within its limits, per metric',
  },
  async run({ db, now }) {
    const today = vietnamDate(now.getTime())
    const zones: Record<string, { days: string[]; rows: number }> = {}
    for (const zone of await listZoneCodes(db)) {
      const days = await complianceDaysDue(db, zone, today, COMPLIANCE_CATCH_UP_DAYS)
      const rows = await computeCompliance(db, zone, days)
      if (rows > 0) zones[zone] = { days, rows }
    }
    return { today, zones }
  },
}
