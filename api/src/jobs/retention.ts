import { applyRetention } from '@zonetrace/db'
import type { JobDefinition } from './job.ts'

export const retentionJob: JobDefinition = {
  name: 'retention',
  schedule: '17 * * * *',
  lockKey: 7_262_101,
  description: {
    vi: 'Xoá dữ liệu quá hạn lưu: số đo cũ (theo ngày), thư lỗi, lịch sử chạy và webhook đã gửi',
    en: 'Removes data past its retention: old readings (whole days), dead letters, job runs, delivered webhooks',
  },
  run: ({ db, settings, now }) => applyRetention(db, settings, now),
}
