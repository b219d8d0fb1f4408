// The thresholds page's words, Vietnamese first; English has the same shape so neither can miss one.
import type { Lang } from '@zonetrace/contracts'

export interface ThresholdsText {
  title: (code: string) => string
  link: string
  backToArea: string
  lead: string
  preset: string
  noPreset: string
  presetTable: string
  metric: string
  severity: string
  lower: string
  upper: string
  source: string
  fromPreset: string
  fromOverride: string
  unconfirmed: string
  overridesTitle: string
  overridesLead: string
  noOverrides: string
  ownMin: string
  ownMax: string
  presetValue: (value: string) => string
  noPresetValue: string
  save: string
  clear: string
  by: (who: string, when: string) => string
  clock: string
  problem: string
  saved: (limit: string) => string
  cleared: (limit: string) => string
  notANumber: string
  outOfRange: (low: string, high: string, unit: string) => string
  minAboveMax: (min: string, max: string) => string
  unknownLimit: string
  noValues: string
  notFoundTitle: string
  notFound: (code: string) => string
  backToAreas: string
  presetTitle: string
  presetLead: string
  presetLimits: (metrics: string) => string
  noneOption: string
  changePreset: string
  presetChanged: (label: string) => string
  presetRemoved: string
  dropped: (n: number) => string
  unknownPreset: string
}

const VI: ThresholdsText = {
  title: (code) => `Ngưỡng cảnh báo · ${code}`,
  link: 'Xem và chỉnh ngưỡng của vùng',
  backToArea: '← Về trang vùng',
  lead: 'Vùng theo một bộ ngưỡng; mỗi giới hạn có thể được vùng ghi đè giá trị dưới hoặc trên. Quy tắc cảnh báo dùng ngay giá trị mới.',
  preset: 'Bộ ngưỡng',
  noPreset: 'Vùng chưa theo bộ ngưỡng nào, nên chưa có giới hạn để ghi đè.',
  presetTable: 'Giới hạn đang áp dụng',
  metric: 'Chỉ tiêu',
  severity: 'Mức độ',
  lower: 'Ngưỡng dưới',
  upper: 'Ngưỡng trên',
  source: 'Nguồn',
  fromPreset: 'theo bộ ngưỡng',
  fromOverride: 'giá trị riêng của vùng',
  unconfirmed: 'Chưa đối chiếu với văn bản gốc của tiêu chuẩn.',
  overridesTitle: 'Giá trị riêng của vùng',
  overridesLead:
    'Để trống một ô để dùng giá trị của bộ ngưỡng; để trống cả hai ô (hoặc bấm Bỏ giá trị riêng) để xóa ghi đè.',
  noOverrides: 'Vùng chưa có giá trị riêng nào.',
  ownMin: 'Ngưỡng dưới riêng',
  ownMax: 'Ngưỡng trên riêng',
  presetValue: (value) => `Bộ ngưỡng: ${value}`,
  noPresetValue: 'Bộ ngưỡng: không có',
  save: 'Lưu',
  clear: 'Bỏ giá trị riêng',
  by: (who, when) => `Sửa bởi ${who} lúc ${when}`,
  clock: 'Giờ Việt Nam (UTC+7)',
  problem: 'Chưa lưu được',
  saved: (limit) => `Đã lưu giá trị riêng cho ${limit}.`,
  cleared: (limit) => `Đã bỏ giá trị riêng của ${limit}; vùng dùng lại giá trị của bộ ngưỡng.`,
  notANumber: 'Không phải là số. Hãy nhập số, ví dụ 4,5.',
  outOfRange: (low, high, unit) => `Ngoài khoảng đo được của chỉ tiêu (${low} đến ${high} ${unit}).`,
  minAboveMax: (min, max) => `Ngưỡng dưới (${min}) lớn hơn ngưỡng trên (${max}).`,
  unknownLimit: 'Bộ ngưỡng của vùng không có giới hạn này.',
  noValues: 'Vùng chưa có giá trị riêng cho giới hạn này, không có gì để bỏ.',
  notFoundTitle: 'Không tìm thấy vùng trồng',
  notFound: (code) => `Không có vùng trồng mã ${code}.`,
  backToAreas: '← Về danh sách vùng',
  presetTitle: 'Đổi bộ ngưỡng',
  presetLead:
    'Chọn bộ ngưỡng theo mục đích sử dụng nước của vùng. Quy tắc cảnh báo của bộ ngưỡng được viết lại ngay; giá trị riêng của vùng được giữ cho các giới hạn có trong bộ ngưỡng mới, các giá trị khác bị bỏ.',
  presetLimits: (metrics) => `Giới hạn: ${metrics}`,
  noneOption: 'Không theo bộ ngưỡng nào (ngừng mọi cảnh báo theo bộ ngưỡng của vùng)',
  changePreset: 'Đổi bộ ngưỡng',
  presetChanged: (label) => `Vùng nay theo bộ ngưỡng ${label}.`,
  presetRemoved: 'Vùng không còn theo bộ ngưỡng nào.',
  dropped: (n) => ` Đã bỏ ${n} giá trị riêng không có trong bộ ngưỡng mới.`,
  unknownPreset: 'Hãy chọn một bộ ngưỡng trong danh sách.',
}

const EN: ThresholdsText = {
  title: (code) => `Alert thresholds · ${code}`,
  link: "View and edit the area's thresholds",
  backToArea: '← Back to the area',
  lead: 'The area follows a preset; the area may replace the lower or upper value of any of its limits. Alert rules use a new value at once.',
  preset: 'Preset',
  noPreset: 'The area follows no preset, so there is no limit to override.',
  presetTable: 'Limits in force',
  metric: 'Metric',
  severity: 'Severity',
  lower: 'Lower limit',
  upper: 'Upper limit',
  source: 'Source',
  fromPreset: 'from the preset',
  fromOverride: "the area's own value",
  unconfirmed: 'Not yet checked against the primary text of the standard.',
  overridesTitle: "The area's own values",
  overridesLead:
    "Leave a field empty to use the preset's value; leave both empty (or press Remove own values) to clear the override.",
  noOverrides: 'The area has no own values yet.',
  ownMin: 'Own lower limit',
  ownMax: 'Own upper limit',
  presetValue: (value) => `Preset: ${value}`,
  noPresetValue: 'Preset: none',
  save: 'Save',
  clear: 'Remove own values',
  by: (who, when) => `Changed by ${who} at ${when}`,
  clock: 'Vietnam time (UTC+7)',
  problem: 'Not saved',
  saved: (limit) => `Saved the area's own values for ${limit}.`,
  cleared: (limit) => `Removed the area's own values for ${limit}; the preset's values apply again.`,
  notANumber: 'Not a number. Enter a number, e.g. 4.5.',
  outOfRange: (low, high, unit) => `Outside what the metric can measure (${low} to ${high} ${unit}).`,
  minAboveMax: (min, max) => `The lower limit (${min}) is above the upper limit (${max}).`,
  unknownLimit: "The area's preset has no such limit.",
  noValues: 'The area has no own values for this limit; nothing to remove.',
  notFoundTitle: 'Growing area not found',
  notFound: (code) => `There is no growing area with code ${code}.`,
  backToAreas: '← Back to the areas',
  presetTitle: 'Change the preset',
  presetLead:
    "Choose the preset for the area's water use. The preset's alert rules are rewritten at once; the area's own values are kept for limits the new preset has, the others are removed.",
  presetLimits: (metrics) => `Limits: ${metrics}`,
  noneOption: "No preset (stops every alert from the area's preset)",
  changePreset: 'Change preset',
  presetChanged: (label) => `The area now follows the preset ${label}.`,
  presetRemoved: 'The area follows no preset any more.',
  dropped: (n) => ` Removed ${n} own value${n === 1 ? '' : 's'} the new preset has no limit for.`,
  unknownPreset: 'Choose a preset from the list.',
}

export const thresholdsText = (lang: Lang): ThresholdsText => (lang === 'vi' ? VI : EN)
