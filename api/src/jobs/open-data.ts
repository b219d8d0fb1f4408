import { writeOpenDownloads } from '../open-data/downloads/write.ts'
import type { JobDefinition } from './job.ts'

// Hourly: the files follow the areas' state and the stations' online flag within the hour, and the daily
// water within an hour of the compliance job's runs (30 past 0, 6, 12 and 18), which this follows by 15 min.
export const openDataJob: JobDefinition = {
  name: 'open-data',
  schedule: '45 * * * *',
  lockKey: 7_262_105,
  description: {
    vi: 'Tạo tệp dữ liệu mở tải về (CSV, GeoJSON) của vùng trồng, trạm đo và chất lượng nước hằng ngày, cho toàn tỉnh và từng xã',
    en: 'Writes the open-data download files (CSV, GeoJSON) of growing areas, stations and daily water, for the province and each commune',
  },
  run: ({ db, now }) => writeOpenDownloads(db, now),
}
