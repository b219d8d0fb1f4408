// What the monthly compliance report page and its CSV say, Vietnamese first.
import type { Lang } from '@zonetrace/contracts'

const VI = {
  title: 'Báo cáo tuân thủ',
  /** 'YYYY-MM' as people write the month. */
  monthLabel: (month: string) => `tháng ${month.slice(5)}/${month.slice(0, 4)}`,
  lead: 'Theo từng vùng trồng và chỉ số trong một tháng: tỷ lệ số đo nằm trong ngưỡng, số cảnh báo đã mở và mức phủ dữ liệu, tổng hợp từ báo cáo tuân thủ hằng ngày.',
  month: 'Tháng',
  area: 'Vùng trồng',
  allAreas: 'Tất cả vùng trồng',
  show: 'Xem báo cáo',
  csv: 'Tải CSV',
  metric: 'Chỉ số',
  within: 'Trong ngưỡng',
  withinHint: 'số đo trong ngưỡng / số đo hợp lệ',
  alerts: 'Cảnh báo đã mở',
  coverage: 'Phủ dữ liệu',
  coverageHint: 'ngày có số đo / ngày đã lập báo cáo',
  readings: 'Số đo hợp lệ',
  noLimits: 'không có ngưỡng',
  summary: (areas: number, alerts: string) => `${areas} vùng trồng có báo cáo · ${alerts} cảnh báo đã mở`,
  none: 'Chưa có báo cáo tuân thủ hằng ngày nào cho tháng này.',
  noneForArea: 'Vùng trồng này chưa có báo cáo tuân thủ hằng ngày nào trong tháng này.',
  daysNote: 'Ngày theo lịch Việt Nam (UTC+7). Ngày tác vụ báo cáo chưa chạy tới không được tính.',
  badMonth: (text: string) => `"${text}" không phải là một tháng (dạng NNNN-TT, ví dụ 2026-03).`,
  badArea: (code: string) => `Không có vùng trồng nào mã "${code}".`,
  days: (withData: number, reported: number) => `${withData}/${reported} ngày`,
  fileName: (month: string) => `bao-cao-tuan-thu-${month}.csv`,
  csvHeader: [
    'Mã vùng',
    'Tên vùng',
    'Chỉ số',
    'Số đo hợp lệ',
    'Số đo trong ngưỡng',
    'Tỷ lệ trong ngưỡng (%)',
    'Cảnh báo đã mở',
    'Ngày đã lập báo cáo',
    'Ngày có số đo',
    'Phủ dữ liệu (%)',
  ],
}

type ReportsText = typeof VI

const EN: ReportsText = {
  title: 'Compliance report',
  monthLabel: (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`,
  lead: 'Per growing area and metric over one month: the share of readings within limits, the alerts opened and the data coverage, summed from the daily compliance reports.',
  month: 'Month',
  area: 'Growing area',
  allAreas: 'All growing areas',
  show: 'Show report',
  csv: 'Download CSV',
  metric: 'Metric',
  within: 'Within limits',
  withinHint: 'readings within limits / good readings',
  alerts: 'Alerts opened',
  coverage: 'Data coverage',
  coverageHint: 'days with readings / days reported',
  readings: 'Good readings',
  noLimits: 'no limits',
  summary: (areas: number, alerts: string) => `${areas} growing areas reported · ${alerts} alerts opened`,
  none: 'No daily compliance reports for this month yet.',
  noneForArea: 'This growing area has no daily compliance reports for this month yet.',
  daysNote: 'Days on the Vietnamese calendar (UTC+7). Days the report job has not reached are not counted.',
  badMonth: (text: string) => `"${text}" is not a month (YYYY-MM, for example 2026-03).`,
  badArea: (code: string) => `There is no growing area "${code}".`,
  days: (withData: number, reported: number) => `${withData}/${reported} days`,
  fileName: (month: string) => `compliance-report-${month}.csv`,
  csvHeader: [
    'Area code',
    'Area name',
    'Metric',
    'Good readings',
    'Readings within limits',
    'Within limits (%)',
    'Alerts opened',
    'Days reported',
    'Days with readings',
    'Data coverage (%)',
  ],
}

export function reportsText(lang: Lang): ReportsText {
  return lang === 'en' ? EN : VI
}
