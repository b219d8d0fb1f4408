// Threshold presets by water use, shared by the gateway agent's local alarms (issue 4) and the platform's
// rules engine. Rows are /work/shared/domain/thresholds.csv copied as typed data, one limit per CSV row,
// with the standard each row cites and its note. The CSV's units map to our canonical ones (metrics.ts):
// degC is SenML `Cel`, alkalinity "mg/L CaCO3" is our `mg/L` (alkalinity is always expressed as CaCO3).
// Rows the CSV marks "value not confirmed from the primary text" carry `unconfirmed: true`, so anything
// showing them to a user can say so (/work/shared/domain/README.md).
import type { Metric } from './metrics.ts'

// Ascending: a webhook or view asking for 'major' and above gets major and critical.
export const SEVERITIES = ['warning', 'minor', 'major', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

export interface ThresholdLimit {
  metric: Metric
  /** Alarm when the value falls below this. */
  min?: number
  /** Alarm when the value rises above this. */
  max?: number
  severity: Severity
  /** The standard or practice the row cites, verbatim from its source. */
  standard: string
  note?: string
  /** The value was not confirmed from the primary text of the standard. */
  unconfirmed?: true
}

interface ThresholdPreset {
  label: { vi: string; en: string }
  standard: string
  /** Where the rows were taken from, under /work/shared/domain/. */
  source: 'thresholds.csv' | 'water-dynamics.md'
  limits: readonly ThresholdLimit[]
}

const UNCONFIRMED = 'value not confirmed from the primary text'
const QCVN_02_19 = 'QCVN 02-19:2014/BNNPTNT'
const QCVN_08_A = 'QCVN 08:2023/BTNMT table 2 level A'
const QCVN_08_B = 'QCVN 08:2023/BTNMT table 2 level B'
const QCVN_08_C = 'QCVN 08:2023/BTNMT table 2 level C'
const QCVN_39 = 'QCVN 39:2011/BTNMT'
const QCVN_01_1 = 'QCVN 01-1:2018/BYT group A'
// The preset's `source` cites water-dynamics.md; the standard people read names only the practice.
const HUE_TIERS = 'field practice (tiered alerting used by a pond network in Huế)'

function csvPreset(vi: string, en: string, limits: ThresholdLimit[]): ThresholdPreset {
  return { label: { vi, en }, standard: limits[0]!.standard, source: 'thresholds.csv', limits }
}

export const THRESHOLD_PRESETS = {
  shrimp_pond: csvPreset(
    `Ao nuôi tôm nước lợ (${QCVN_02_19})`,
    `Brackish shrimp grow-out pond (${QCVN_02_19})`,
    [
      {
        metric: 'temperature',
        min: 18,
        max: 33,
        severity: 'major',
        standard: `${QCVN_02_19} (brackish shrimp grow-out pond water)`,
      },
      { metric: 'ph', min: 7, max: 9, severity: 'major', standard: QCVN_02_19 },
      { metric: 'salinity', min: 5, max: 35, severity: 'major', standard: QCVN_02_19 },
      {
        metric: 'dissolved_oxygen',
        min: 3.5,
        severity: 'critical',
        standard: QCVN_02_19,
        note: 'pre-dawn dips are the usual failure',
      },
      {
        metric: 'alkalinity',
        min: 60,
        max: 180,
        severity: 'minor',
        standard: QCVN_02_19,
        note: UNCONFIRMED,
        unconfirmed: true,
      },
      {
        metric: 'nh3',
        max: 0.3,
        severity: 'major',
        standard: QCVN_02_19,
        note: UNCONFIRMED,
        unconfirmed: true,
      },
      {
        metric: 'h2s',
        max: 0.05,
        severity: 'critical',
        standard: QCVN_02_19,
        note: UNCONFIRMED,
        unconfirmed: true,
      },
    ],
  ),
  surface_water_A: csvPreset(
    'Nước mặt mức A (QCVN 08:2023/BTNMT)',
    'Surface water, level A (QCVN 08:2023/BTNMT)',
    [
      { metric: 'ph', min: 6.5, max: 8.5, severity: 'major', standard: `${QCVN_08_A} (rivers and canals)` },
      { metric: 'dissolved_oxygen', min: 6.0, severity: 'major', standard: QCVN_08_A },
      { metric: 'tss', max: 25, severity: 'minor', standard: QCVN_08_A },
    ],
  ),
  surface_water_B: csvPreset(
    'Nước mặt mức B (QCVN 08:2023/BTNMT)',
    'Surface water, level B (QCVN 08:2023/BTNMT)',
    [
      { metric: 'ph', min: 6.0, max: 8.5, severity: 'major', standard: QCVN_08_B },
      { metric: 'dissolved_oxygen', min: 5.0, severity: 'major', standard: QCVN_08_B },
      { metric: 'tss', max: 100, severity: 'minor', standard: QCVN_08_B },
    ],
  ),
  surface_water_C: csvPreset(
    'Nước mặt mức C (QCVN 08:2023/BTNMT)',
    'Surface water, level C (QCVN 08:2023/BTNMT)',
    [
      { metric: 'ph', min: 6.0, max: 8.5, severity: 'major', standard: QCVN_08_C },
      { metric: 'dissolved_oxygen', min: 4.0, severity: 'major', standard: QCVN_08_C },
    ],
  ),
  irrigation: csvPreset(`Nước tưới tiêu (${QCVN_39})`, `Irrigation water (${QCVN_39})`, [
    { metric: 'ph', min: 5.5, max: 9, severity: 'major', standard: `${QCVN_39} (irrigation water)` },
    { metric: 'dissolved_oxygen', min: 2, severity: 'minor', standard: QCVN_39 },
    { metric: 'chloride', max: 350, severity: 'major', standard: QCVN_39, note: 'about 0.63 ppt salinity' },
  ]),
  domestic_water: csvPreset('Nước sinh hoạt (QCVN 01-1:2018/BYT)', 'Domestic water (QCVN 01-1:2018/BYT)', [
    { metric: 'ph', min: 6.0, max: 8.5, severity: 'major', standard: QCVN_01_1 },
    { metric: 'turbidity', max: 2, severity: 'major', standard: QCVN_01_1 },
    {
      metric: 'salinity',
      max: 0.5,
      severity: 'major',
      standard: 'field practice (Ben Tre hydro-met station)',
      note: 'fresh-water line used in bulletins',
    },
  ]),
  rice: csvPreset('Lúa và phần lớn rau màu (độ mặn)', 'Rice and most vegetables (salinity)', [
    {
      metric: 'salinity',
      max: 2,
      severity: 'critical',
      standard: 'field practice (salt-tolerant varieties ceiling 3-4 g/L)',
      note: 'most rice and vegetables',
    },
  ]),
  pomelo: csvPreset('Bưởi (độ mặn)', 'Pomelo (salinity)', [
    { metric: 'salinity', max: 1.55, severity: 'critical', standard: 'field practice' },
  ]),
  durian_longan_leafy: csvPreset(
    'Sầu riêng, chuối, nhãn, đu đủ, măng cụt, rau ăn lá (độ mặn)',
    'Durian, banana, longan, papaya, mangosteen, leafy vegetables (salinity)',
    [
      {
        metric: 'salinity',
        max: 1,
        severity: 'critical',
        standard: 'field practice',
        note: 'durian banana longan papaya mangosteen leafy vegetables',
      },
    ],
  ),
  citrus: csvPreset('Cây có múi, ổi, sa-pô-chê (độ mặn)', 'Citrus, guava, sapodilla (salinity)', [
    {
      metric: 'salinity',
      max: 2,
      severity: 'critical',
      standard: 'field practice',
      note: 'citrus guava sapodilla (2-3 ppt)',
    },
  ]),
  coconut: csvPreset('Dừa (độ mặn)', 'Coconut (salinity)', [
    {
      metric: 'salinity',
      max: 5,
      severity: 'major',
      standard: 'field practice (Ben Tre extension centre)',
      note: 'tolerates 4-5 ppt; above 10 ppt severe',
    },
  ]),
  coconut_severe: csvPreset('Dừa, mặn nghiêm trọng (độ mặn)', 'Coconut, severe (salinity)', [
    { metric: 'salinity', max: 10, severity: 'critical', standard: 'field practice' },
  ]),
  intrusion_line: csvPreset('Ranh mặn 4 g/L (bản tin xâm nhập mặn)', 'Salinity intrusion line, 4 g/L', [
    {
      metric: 'salinity',
      max: 4,
      severity: 'major',
      standard: 'MARD / SIWRR bulletins',
      note: 'official 4 g/L intrusion line',
    },
  ]),
  // Not in the CSV: the tiers are from water-dynamics.md. Its "warning" is our major and "severe" our
  // critical; each tier is its own limit so both can be raised at once.
  pond_tiered_hue: {
    label: {
      vi: 'Ao nuôi: cảnh báo theo bậc (mạng ao ở Huế)',
      en: 'Ponds: tiered alerts (a Huế pond network)',
    },
    standard: HUE_TIERS,
    source: 'water-dynamics.md',
    limits: [
      { metric: 'dissolved_oxygen', min: 3, severity: 'major', standard: HUE_TIERS },
      { metric: 'dissolved_oxygen', min: 2, severity: 'critical', standard: HUE_TIERS },
      { metric: 'ph', min: 6, max: 9, severity: 'major', standard: HUE_TIERS },
      { metric: 'ph', min: 5.5, max: 9.5, severity: 'critical', standard: HUE_TIERS },
      { metric: 'nh3', max: 0.05, severity: 'major', standard: HUE_TIERS },
      { metric: 'nh3', max: 1, severity: 'critical', standard: HUE_TIERS },
    ],
  },
} as const satisfies Record<string, ThresholdPreset>

/**
 * Every standard and note above in Vietnamese, beside the English it translates: what a shopper or a
 * cooperative reads. Standard codes (QCVN …) are the same in both; the words around them are not.
 * tests/contracts/thresholds.test.ts checks that no text above is missing here.
 */
export const THRESHOLD_TEXT_VI: Readonly<Record<string, string>> = {
  [QCVN_02_19]: QCVN_02_19,
  [`${QCVN_02_19} (brackish shrimp grow-out pond water)`]: `${QCVN_02_19} (nước ao nuôi thương phẩm tôm nước lợ)`,
  [QCVN_08_A]: 'QCVN 08:2023/BTNMT bảng 2 mức A',
  [QCVN_08_B]: 'QCVN 08:2023/BTNMT bảng 2 mức B',
  [QCVN_08_C]: 'QCVN 08:2023/BTNMT bảng 2 mức C',
  [`${QCVN_08_A} (rivers and canals)`]: 'QCVN 08:2023/BTNMT bảng 2 mức A (sông, kênh rạch)',
  [QCVN_39]: QCVN_39,
  [`${QCVN_39} (irrigation water)`]: `${QCVN_39} (nước dùng cho tưới tiêu)`,
  [QCVN_01_1]: 'QCVN 01-1:2018/BYT nhóm A',
  [HUE_TIERS]: 'thực tiễn sản xuất (ngưỡng cảnh báo theo bậc của một mạng lưới ao nuôi ở Huế)',
  'field practice': 'thực tiễn sản xuất',
  'field practice (Ben Tre hydro-met station)': 'thực tiễn sản xuất (Đài Khí tượng Thủy văn Bến Tre)',
  'field practice (salt-tolerant varieties ceiling 3-4 g/L)':
    'thực tiễn sản xuất (giống chịu mặn chịu được tới 3–4 g/L)',
  'field practice (Ben Tre extension centre)': 'thực tiễn sản xuất (Trung tâm Khuyến nông Bến Tre)',
  'MARD / SIWRR bulletins': 'bản tin của Bộ NN&PTNT và Viện Khoa học Thủy lợi miền Nam',
  [UNCONFIRMED]: 'giá trị chưa được đối chiếu với văn bản gốc',
  'pre-dawn dips are the usual failure': 'oxy thường tụt vào lúc rạng sáng',
  'about 0.63 ppt salinity': 'khoảng 0,63‰ độ mặn',
  'fresh-water line used in bulletins': 'ngưỡng nước ngọt dùng trong các bản tin',
  'most rice and vegetables': 'phần lớn lúa và rau màu',
  'durian banana longan papaya mangosteen leafy vegetables':
    'sầu riêng, chuối, nhãn, đu đủ, măng cụt, rau ăn lá',
  'citrus guava sapodilla (2-3 ppt)': 'cây có múi, ổi, sa-pô-chê (2–3‰)',
  'tolerates 4-5 ppt; above 10 ppt severe': 'chịu được 4–5‰; trên 10‰ là nghiêm trọng',
  'official 4 g/L intrusion line': 'ranh mặn 4 g/L chính thức',
}

/**
 * A standard or note in Vietnamese. Several standards joined with "; " are translated one by one; text
 * with no translation (a value an officer wrote) is shown as written.
 */
export function thresholdTextVi(text: string): string {
  return text
    .split('; ')
    .map((part) => THRESHOLD_TEXT_VI[part] ?? part)
    .join('; ')
}

/** A limit's standard and note, with their Vietnamese beside them (for the API's limit shapes). */
export function withVietnamese<T extends { standard: string; note: string | null }>(
  limit: T,
): T & { standardVi: string; noteVi: string | null } {
  return {
    ...limit,
    standardVi: thresholdTextVi(limit.standard),
    noteVi: limit.note === null ? null : thresholdTextVi(limit.note),
  }
}

export type PresetId = keyof typeof THRESHOLD_PRESETS
export const PRESET_IDS = Object.keys(THRESHOLD_PRESETS) as PresetId[]

export function isPresetId(name: string): name is PresetId {
  return Object.hasOwn(THRESHOLD_PRESETS, name)
}

/** The preset's limits on one metric, in the order listed; empty when the preset has none. */
export function limitsFor(preset: PresetId, metric: Metric): ThresholdLimit[] {
  const limits: readonly ThresholdLimit[] = THRESHOLD_PRESETS[preset].limits
  return limits.filter((l) => l.metric === metric)
}
