// What the rules form says when validateRule (contracts/src/rules.ts) refuses a rule, placed beside the
// field it is about by area/rule-refusals.ts. Vietnamese first; English has the same shape.
import type { Lang } from '@zonetrace/contracts'

export interface RuleRefusalsText {
  unknownKind: string
  unknownMetric: string
  metricRequired: string
  severity: string
  minAboveMax: string
  thresholdNeedsLimit: string
  rateNeedsRate: string
  rateOnlyForRate: string
  limitsOnlyForThreshold: string
  offlineNeedsSilent: string
  silentRange: string
  offlineNoTiming: string
  silentOnlyForOffline: string
  forRange: string
  clearForRange: string
  marginNegative: string
  marginTooWide: string
  repeatCount: string
  repeatWindow: string
  activeHours: string
  name: string
  other: (detail: string) => string
}

const VI: RuleRefusalsText = {
  unknownKind: 'Hãy chọn một loại quy tắc trong danh sách.',
  unknownMetric: 'Hãy chọn một chỉ tiêu trong danh sách.',
  metricRequired: 'Loại quy tắc này cần chọn một chỉ tiêu.',
  severity: 'Hãy chọn một mức độ trong danh sách.',
  minAboveMax: 'Ngưỡng dưới lớn hơn ngưỡng trên.',
  thresholdNeedsLimit: 'Quy tắc ngưỡng cần ngưỡng dưới, ngưỡng trên hoặc cả hai.',
  rateNeedsRate: 'Quy tắc tốc độ thay đổi cần tốc độ tối đa lớn hơn 0.',
  rateOnlyForRate: 'Ô này chỉ dùng cho loại tốc độ thay đổi; hãy để trống.',
  limitsOnlyForThreshold: 'Ngưỡng dưới và trên chỉ dùng cho loại ngưỡng; hãy để trống.',
  offlineNeedsSilent: 'Quy tắc mất tín hiệu cần thời gian im lặng.',
  silentRange: 'Thời gian im lặng phải từ 1 phút đến 30 ngày (43200 phút).',
  offlineNoTiming:
    'Quy tắc mất tín hiệu không dùng thời gian kéo dài, lặp lại hay độ trễ: nó hết khi có số đo mới. Hãy để trống các ô đó.',
  silentOnlyForOffline: 'Ô này chỉ dùng cho loại mất tín hiệu; hãy để trống.',
  forRange: 'Thời gian kéo dài phải từ 0 đến 10080 phút (7 ngày).',
  clearForRange: 'Thời gian giữ ổn định phải từ 0 đến 10080 phút (7 ngày).',
  marginNegative: 'Biên trễ không được âm.',
  marginTooWide: 'Biên trễ quá rộng: không còn giá trị nào giữa hai ngưỡng để hết cảnh báo.',
  repeatCount: 'Số lần vi phạm phải là số nguyên từ 2 đến 10000 (điền cả khoảng thời gian).',
  repeatWindow: 'Khoảng thời gian lặp lại phải từ 1 giây đến 10080 phút (điền cả số lần).',
  activeHours: 'Khung giờ cần giờ bắt đầu và kết thúc khác nhau, dạng HH:MM (ví dụ 18:00).',
  name: 'Tên quy tắc tối đa 200 ký tự.',
  other: (detail) => `Quy tắc chưa hợp lệ: ${detail}`,
}

const EN: RuleRefusalsText = {
  unknownKind: 'Choose a kind of rule from the list.',
  unknownMetric: 'Choose a metric from the list.',
  metricRequired: 'This kind of rule needs a metric.',
  severity: 'Choose a severity from the list.',
  minAboveMax: 'The lower limit is above the upper limit.',
  thresholdNeedsLimit: 'A threshold rule needs a lower limit, an upper limit or both.',
  rateNeedsRate: 'A rate-of-change rule needs a largest change above 0.',
  rateOnlyForRate: 'This field is for rate-of-change rules only; leave it empty.',
  limitsOnlyForThreshold: 'Lower and upper limits are for threshold rules only; leave them empty.',
  offlineNeedsSilent: 'An offline rule needs a silent time.',
  silentRange: 'The silent time must be from 1 minute to 30 days (43200 minutes).',
  offlineNoTiming:
    'An offline rule takes no duration, repeat or hysteresis: it clears on the next reading. Leave those fields empty.',
  silentOnlyForOffline: 'This field is for offline rules only; leave it empty.',
  forRange: 'The duration must be from 0 to 10080 minutes (7 days).',
  clearForRange: 'The stable time must be from 0 to 10080 minutes (7 days).',
  marginNegative: 'The clear margin may not be negative.',
  marginTooWide: 'The clear margin is too wide: no value between the limits would clear the alert.',
  repeatCount: 'Violations must be a whole number from 2 to 10000 (fill in the window too).',
  repeatWindow: 'The repeat window must be from 1 second to 10080 minutes (fill in the violations too).',
  activeHours: 'Active hours need different start and end times as HH:MM (e.g. 18:00).',
  name: 'The rule name may be at most 200 characters.',
  other: (detail) => `The rule is not valid: ${detail}`,
}

export const ruleRefusalsText = (lang: Lang): RuleRefusalsText => (lang === 'vi' ? VI : EN)
