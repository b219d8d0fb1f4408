// The custom rules page's words, Vietnamese first; English has the same shape so neither can miss one. Each
// field says what the rule engine does with it (broker/src/rules/), in the words an officer uses.
import type { Lang, RuleKind } from '@zonetrace/contracts'
import { type RuleRefusalsText, ruleRefusalsText } from './rule-refusals-text.ts'

/** A form field of the rule form; `form` is a problem with the rule as a whole. */
export type RuleField =
  | 'kind'
  | 'metric'
  | 'min'
  | 'max'
  | 'ratePerMinute'
  | 'silentMinutes'
  | 'forMinutes'
  | 'repeatCount'
  | 'repeatMinutes'
  | 'clearMargin'
  | 'clearForMinutes'
  | 'activeFrom'
  | 'activeTo'
  | 'severity'
  | 'name'

export interface RulesText {
  title: (code: string) => string
  link: string
  backToArea: string
  toThresholds: string
  lead: string
  presetNote: (n: number) => string
  listTitle: string
  none: string
  rule: string
  condition: string
  timing: string
  severity: string
  by: string
  action: string
  allChannels: string
  scopeGateway: (id: string) => string
  scopeSensor: (id: string) => string
  below: (v: string) => string
  above: (v: string) => string
  between: (min: string, max: string) => string
  faster: (rate: string, unit: string) => string
  silent: (minutes: string) => string
  holds: (minutes: string) => string
  repeats: (count: number, minutes: string) => string
  clears: (margin: string, minutes: string) => string
  hours: (from: string, to: string) => string
  always: string
  remove: string
  removeHint: string
  addTitle: string
  addLead: string
  add: string
  kinds: Record<RuleKind, { name: string; hint: string }>
  kindLegend: string
  every: string
  label: Record<RuleField, string>
  hint: Record<RuleField, string>
  minutes: string
  optional: string
  problem: string
  created: (name: string) => string
  deleted: (id: string, cleared: string) => string
  notANumber: string
  notAWholeNumber: string
  notFoundRule: string
  /** Refusals of validateRule (contracts), by field. */
  refused: RuleRefusalsText
}

const VI: RulesText = {
  title: (code) => `Quy tắc cảnh báo riêng · ${code}`,
  link: 'Quy tắc cảnh báo riêng của vùng',
  backToArea: '← Về trang vùng',
  toThresholds: 'Ngưỡng theo bộ ngưỡng của vùng',
  lead: 'Ngoài bộ ngưỡng, cán bộ có thể đặt thêm quy tắc riêng cho vùng. Quy tắc theo dõi mọi cảm biến của vùng và áp dụng ngay khi lưu.',
  presetNote: (n) => `Vùng còn ${n} quy tắc từ bộ ngưỡng; chỉnh chúng ở trang ngưỡng.`,
  listTitle: 'Quy tắc riêng đang áp dụng',
  none: 'Vùng chưa có quy tắc riêng nào.',
  rule: 'Quy tắc',
  condition: 'Điều kiện',
  timing: 'Thời gian',
  severity: 'Mức độ',
  by: 'Người tạo',
  action: 'Thao tác',
  allChannels: 'mọi chỉ tiêu',
  scopeGateway: (id) => `chỉ gateway ${id}`,
  scopeSensor: (id) => `chỉ cảm biến ${id}`,
  below: (v) => `dưới ${v}`,
  above: (v) => `trên ${v}`,
  between: (min, max) => `ngoài khoảng ${min} đến ${max}`,
  faster: (rate, unit) => `đổi nhanh hơn ${rate} ${unit} mỗi phút`,
  silent: (minutes) => `không có số đo trong ${minutes} phút`,
  holds: (minutes) => `kéo dài ${minutes} phút`,
  repeats: (count, minutes) => `${count} lần trong ${minutes} phút`,
  clears: (margin, minutes) => `hết cảnh báo khi vào trong ${margin} và giữ ${minutes} phút`,
  hours: (from, to) => `chỉ từ ${from} đến ${to}`,
  always: 'cả ngày',
  remove: 'Xóa quy tắc',
  removeHint: 'Xóa cũng đóng các cảnh báo đang mở của quy tắc.',
  addTitle: 'Thêm quy tắc',
  addLead:
    'Chọn loại quy tắc rồi điền các ô của loại đó; để trống các ô không dùng. Mọi thời gian tính theo số đo (giờ Việt Nam, UTC+7).',
  add: 'Thêm quy tắc',
  kinds: {
    threshold: {
      name: 'Ngưỡng',
      hint: 'Cảnh báo khi giá trị thấp hơn ngưỡng dưới hoặc cao hơn ngưỡng trên.',
    },
    rate: {
      name: 'Tốc độ thay đổi',
      hint: 'Cảnh báo khi giá trị tăng hoặc giảm nhanh hơn mức cho phép mỗi phút, ví dụ độ mặn vọt lên khi triều cường.',
    },
    offline: {
      name: 'Mất tín hiệu',
      hint: 'Cảnh báo khi không nhận được số đo nào trong một khoảng thời gian.',
    },
  },
  kindLegend: 'Loại quy tắc',
  every: 'Mọi chỉ tiêu (chỉ cho loại mất tín hiệu)',
  label: {
    kind: 'Loại quy tắc',
    metric: 'Chỉ tiêu',
    min: 'Ngưỡng dưới',
    max: 'Ngưỡng trên',
    ratePerMinute: 'Tốc độ tối đa mỗi phút',
    silentMinutes: 'Im lặng bao lâu thì báo (phút)',
    forMinutes: 'Kéo dài (phút)',
    repeatCount: 'Số lần vi phạm',
    repeatMinutes: 'Trong vòng (phút)',
    clearMargin: 'Biên trễ khi hết cảnh báo',
    clearForMinutes: 'Giữ ổn định (phút)',
    activeFrom: 'Áp dụng từ giờ',
    activeTo: 'Đến giờ',
    severity: 'Mức độ',
    name: 'Tên quy tắc',
  },
  hint: {
    kind: '',
    metric: 'Chỉ tiêu được theo dõi. Loại mất tín hiệu có thể theo dõi mọi chỉ tiêu.',
    min: 'Loại ngưỡng: cảnh báo khi giá trị thấp hơn số này. Cần ít nhất một trong hai ngưỡng.',
    max: 'Loại ngưỡng: cảnh báo khi giá trị cao hơn số này.',
    ratePerMinute:
      'Loại tốc độ thay đổi: mức thay đổi tối đa, theo đơn vị của chỉ tiêu mỗi phút (lớn hơn 0).',
    silentMinutes: 'Loại mất tín hiệu: từ 1 phút đến 30 ngày (43200 phút).',
    forMinutes:
      'Điều kiện phải kéo dài chừng này, theo thời gian của số đo, rồi mới mở cảnh báo. 0 là báo ngay. Tối đa 7 ngày (10080 phút).',
    repeatCount:
      'Lặp lại: chỉ mở cảnh báo khi có chừng này số đo vi phạm (2 đến 10000) trong khoảng thời gian bên cạnh. Để trống cả hai ô nếu không dùng.',
    repeatMinutes: 'Khoảng thời gian đếm số lần vi phạm, tối đa 7 ngày.',
    clearMargin:
      'Độ trễ: cảnh báo chỉ hết khi giá trị đã vào trong ngưỡng thêm chừng này (theo đơn vị của chỉ tiêu), để giá trị dao động quanh ngưỡng không mở rồi đóng liên tục.',
    clearForMinutes: '…và đã ở trong ngưỡng chừng này phút.',
    activeFrom:
      'Chỉ xét quy tắc trong khung giờ này mỗi ngày (giờ Việt Nam). Giờ bắt đầu muộn hơn giờ kết thúc là qua đêm. Để trống cả hai ô để áp dụng cả ngày.',
    activeTo: 'Giờ kết thúc, dạng HH:MM.',
    severity: 'Mức độ của cảnh báo khi quy tắc bị vi phạm.',
    name: 'Không bắt buộc, tối đa 200 ký tự. Hiện trong cảnh báo.',
  },
  minutes: 'phút',
  optional: 'không bắt buộc',
  problem: 'Chưa thêm được quy tắc',
  created: (name) => `Đã thêm quy tắc ${name}.`,
  deleted: (id, cleared) => `Đã xóa quy tắc số ${id}; ${cleared} cảnh báo đang mở của nó đã được đóng.`,
  notANumber: 'Không phải là số. Hãy nhập số, ví dụ 4,5.',
  notAWholeNumber: 'Hãy nhập một số nguyên, ví dụ 3.',
  notFoundRule: 'Vùng này không có quy tắc riêng số đó (có thể đã bị xóa).',
  refused: ruleRefusalsText('vi'),
}

const EN: RulesText = {
  title: (code) => `Custom alert rules · ${code}`,
  link: "The area's custom alert rules",
  backToArea: '← Back to the area',
  toThresholds: "Limits from the area's preset",
  lead: 'Besides the preset, officers may add rules of their own for the area. A rule watches every sensor of the area and applies as soon as it is saved.',
  presetNote: (n) => `The area also has ${n} rules from its preset; change those on the thresholds page.`,
  listTitle: 'Custom rules in force',
  none: 'The area has no custom rules yet.',
  rule: 'Rule',
  condition: 'Condition',
  timing: 'Timing',
  severity: 'Severity',
  by: 'Created by',
  action: 'Action',
  allChannels: 'every metric',
  scopeGateway: (id) => `gateway ${id} only`,
  scopeSensor: (id) => `sensor ${id} only`,
  below: (v) => `below ${v}`,
  above: (v) => `above ${v}`,
  between: (min, max) => `outside ${min} to ${max}`,
  faster: (rate, unit) => `changes faster than ${rate} ${unit} a minute`,
  silent: (minutes) => `no reading for ${minutes} min`,
  holds: (minutes) => `lasting ${minutes} min`,
  repeats: (count, minutes) => `${count} times within ${minutes} min`,
  clears: (margin, minutes) => `clears once ${margin} inside for ${minutes} min`,
  hours: (from, to) => `only from ${from} to ${to}`,
  always: 'all day',
  remove: 'Delete rule',
  removeHint: "Deleting also clears the rule's open alerts.",
  addTitle: 'Add a rule',
  addLead:
    "Choose the kind of rule, then fill in that kind's fields; leave the others empty. All times follow the readings (Vietnam time, UTC+7).",
  add: 'Add rule',
  kinds: {
    threshold: {
      name: 'Threshold',
      hint: 'Alerts when the value is below the lower or above the upper limit.',
    },
    rate: {
      name: 'Rate of change',
      hint: 'Alerts when the value rises or falls faster than allowed per minute, e.g. salinity jumping at a spring tide.',
    },
    offline: { name: 'Offline', hint: 'Alerts when no reading arrives for a while.' },
  },
  kindLegend: 'Kind of rule',
  every: 'Every metric (offline rules only)',
  label: {
    kind: 'Kind of rule',
    metric: 'Metric',
    min: 'Lower limit',
    max: 'Upper limit',
    ratePerMinute: 'Largest change per minute',
    silentMinutes: 'Silent for (minutes)',
    forMinutes: 'Lasting (minutes)',
    repeatCount: 'Violations',
    repeatMinutes: 'Within (minutes)',
    clearMargin: 'Clear margin',
    clearForMinutes: 'Stable for (minutes)',
    activeFrom: 'Active from',
    activeTo: 'Until',
    severity: 'Severity',
    name: 'Rule name',
  },
  hint: {
    kind: '',
    metric: 'The metric watched. An offline rule may watch every metric.',
    min: 'Threshold: alerts when the value is below this. At least one of the two limits is needed.',
    max: 'Threshold: alerts when the value is above this.',
    ratePerMinute: "Rate of change: the largest change allowed, in the metric's unit per minute (above 0).",
    silentMinutes: 'Offline: from 1 minute to 30 days (43200 minutes).',
    forMinutes:
      "The condition must hold this long, by the readings' own times, before the alert opens. 0 alerts at once. At most 7 days (10080 minutes).",
    repeatCount:
      'Repeat: open the alert only after this many violating readings (2 to 10000) within the window beside it. Leave both empty to not use it.',
    repeatMinutes: 'The window in which violations are counted, at most 7 days.',
    clearMargin:
      "Hysteresis: the alert clears only once the value is back inside by this much (in the metric's unit), so a value wobbling at the line does not open and close it again and again.",
    clearForMinutes: '…and has stayed inside for this many minutes.',
    activeFrom:
      'Evaluate the rule only between these times each day (Vietnam time). A start later than the end spans midnight. Leave both empty for all day.',
    activeTo: 'End time, as HH:MM.',
    severity: 'How severe the alert is when the rule is broken.',
    name: 'Optional, up to 200 characters. Shown in the alert.',
  },
  minutes: 'min',
  optional: 'optional',
  problem: 'The rule was not added',
  created: (name) => `Rule ${name} added.`,
  deleted: (id, cleared) => `Rule ${id} deleted; ${cleared} of its open alerts cleared.`,
  notANumber: 'Not a number. Enter a number, e.g. 4.5.',
  notAWholeNumber: 'Enter a whole number, e.g. 3.',
  notFoundRule: 'This area has no custom rule with that number (it may have been deleted).',
  refused: ruleRefusalsText('en'),
}

export const rulesText = (lang: Lang): RulesText => (lang === 'vi' ? VI : EN)
