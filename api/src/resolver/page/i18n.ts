// Every word the consumer page shows, Vietnamese first and English beside it, so a missing translation is
// a type error. Entries are plain text (or functions returning plain text): the page escapes them.
import type { CertificationScheme, CloneFlag, Lang, LotBizStep, OcopGroup } from '@zonetrace/contracts'

import { ADVICE, VERDICT_DETAIL, VERDICT_TITLE, type Verdict } from './verdict-text.ts'

export type { Lang }
export type Pair<T> = Record<Lang, T>

const BIZ_STEP: Pair<Record<LotBizStep | 'transforming', string>> = {
  vi: {
    commissioning: 'Thu hoạch',
    inspecting: 'Kiểm tra',
    packing: 'Đóng gói',
    shipping: 'Gửi hàng',
    receiving: 'Nhận hàng',
    transforming: 'Chia/gộp lô',
  },
  en: {
    commissioning: 'Harvest',
    inspecting: 'Inspection',
    packing: 'Packing',
    shipping: 'Shipped',
    receiving: 'Received',
    transforming: 'Lot split or merge',
  },
}

/** Decision 148/QĐ-TTg product groups. */
const OCOP_GROUP: Pair<Record<OcopGroup, string>> = {
  vi: {
    food: 'Thực phẩm',
    drinks: 'Đồ uống',
    herbal: 'Thảo dược',
    handicrafts: 'Thủ công mỹ nghệ',
    ornamental: 'Sinh vật cảnh',
    tourism: 'Dịch vụ du lịch cộng đồng',
  },
  en: {
    food: 'Food',
    drinks: 'Drinks',
    herbal: 'Herbal products',
    handicrafts: 'Handicrafts',
    ornamental: 'Ornamental plants and animals',
    tourism: 'Community tourism',
  },
}

const SCHEME: Pair<Record<CertificationScheme, string>> = {
  vi: { vietgap: 'VietGAP', globalgap: 'GlobalG.A.P.', organic: 'Hữu cơ' },
  en: { vietgap: 'VietGAP', globalgap: 'GlobalG.A.P.', organic: 'Organic' },
}

const CLONE: Pair<Record<CloneFlag, string>> = {
  vi: {
    too_many_scans: 'Mã được quét nhiều lần hơn mức một sản phẩm thường có.',
    impossible_travel: 'Mã được quét ở những nơi quá xa nhau so với thời gian giữa các lần quét.',
  },
  en: {
    too_many_scans: 'It has been scanned more often than a single item would be.',
    impossible_travel: 'It was scanned in places too far apart for the time between the scans.',
  },
}

const STATUS: Pair<Record<400 | 404 | 429, string>> = {
  vi: { 400: 'Đường dẫn không hợp lệ', 404: 'Không tìm thấy mã này', 429: 'Quá nhiều lượt quét' },
  en: { 400: 'Malformed link', 404: 'Code not found', 429: 'Too many scans' },
}

const TEXT_VI = {
  siteName: 'Truy xuất nguồn gốc zonetrace',
  otherLang: 'English',
  untrusted: 'Thông tin bên dưới là những gì mã này trỏ tới, không xác nhận được cho sản phẩm bạn đang cầm.',
  recallReason: 'Lý do',
  recalledOn: 'Ngày thu hồi',
  ocopExpiredOn: (date: string) => `Chứng nhận OCOP của sản phẩm đã hết hạn ngày ${date}.`,
  whatToDo: 'Bạn nên làm gì:',
  scanned: (n: string, first: string | null) =>
    `Mã đã được quét ${n} lần${first ? `, lần đầu ngày ${first}` : ''}.`,
  firstScan: 'Đây là lần quét đầu tiên của mã này.',
  ocopStars: (n: number) => `OCOP ${n} sao`,
  notOcop: 'Không phải sản phẩm OCOP (chưa đạt 3 sao).',
  group: 'Nhóm sản phẩm',
  certificateNo: 'Số chứng nhận OCOP',
  validUntil: 'Hiệu lực đến',
  expired: 'đã hết hạn',
  producer: 'Đơn vị sản xuất',
  lot: 'Lô',
  serial: 'Số sê-ri',
  harvested: 'Thời gian thu hoạch',
  areas: 'Vùng trồng',
  areaCode: 'Mã vùng trồng',
  crop: 'Cây trồng, vật nuôi',
  size: 'Diện tích',
  commune: 'Xã, phường',
  formerly: (name: string) => `trước đây: ${name}`,
  certifications: 'Chứng nhận',
  noCertifications: 'Chưa có chứng nhận',
  map: {
    areaTitle: (code: string, place: string | null) =>
      `Bản đồ vùng trồng ${code}${place ? ` ở ${place}` : ''}`,
    locatorTitle: (code: string, inVinhLong: boolean) =>
      `Bản đồ vị trí: vùng trồng ${code} là chấm đỏ ${
        inVinhLong ? 'trong tỉnh Vĩnh Long, Đồng bằng sông Cửu Long' : 'ở miền Nam Việt Nam'
      }`,
    inProvince: (place: string | null) => (place ? `${place}, tỉnh Vĩnh Long` : 'tỉnh Vĩnh Long'),
    north: 'B',
    vinhLong: 'Vĩnh Long',
    delta: 'ĐB sông Cửu Long',
    hcmc: 'TP.HCM',
    cambodia: 'Campuchia',
    openApp: 'Mở trong ứng dụng bản đồ',
    openWeb: 'Xem trên OpenStreetMap',
  },
  timeline: 'Thu hoạch và chế biến',
  noEvents: 'Chưa ghi nhận sự kiện nào.',
  fromLots: 'Từ lô',
  intoLots: 'Thành lô',
  evidence: 'Dữ liệu môi trường vùng trồng',
  noEvidence: 'Không có dữ liệu cảm biến cho lô này.',
  window: (from: string, to: string) => `Từ ${from} đến ${to}`,
  coverage: 'Độ phủ dữ liệu',
  alerts: 'Số lần cảnh báo',
  minMeanMax: 'Thấp nhất / trung bình / cao nhất',
  readings: (n: string) => `${n} lần đo`,
  standard: 'Căn cứ',
  // The metric charts (chart-svg.ts) and the sentence under each metric's name (metric-text.ts).
  within: (share: string, metric: string, limits: string) =>
    `Trong ${share} số lần đo, ${metric} nằm trong ngưỡng cho phép (${limits}).`,
  withinUnknown: (metric: string, limits: string) =>
    `Chưa đủ số liệu để biết ${metric} có nằm trong ngưỡng cho phép (${limits}) hay không.`,
  noLimits: (metric: string) =>
    `Không có ngưỡng quy định cho ${metric}; biểu đồ chỉ cho thấy giá trị đo được.`,
  chartTitle: (metric: string) => `Biểu đồ ${metric} trong thời gian nuôi trồng`,
  chartDesc: (metric: string, from: string, to: string, min: string, mean: string, max: string) =>
    `${metric} từ ${from} đến ${to}: thấp nhất ${min}, trung bình ${mean}, cao nhất ${max}.`,
  limitLabel: (code: string | null, bound: string) => (code ? `ngưỡng ${code}: ${bound}` : `ngưỡng ${bound}`),
  chartKey: (bucket: 'day' | 'hour' | null) => ({
    mean: bucket === 'day' ? 'trung bình mỗi ngày' : bucket === 'hour' ? 'trung bình mỗi giờ' : 'trung bình',
    band: bucket === 'day' ? 'thấp nhất–cao nhất trong ngày' : 'thấp nhất–cao nhất',
    limit: 'ngưỡng',
  }),
  feedback: 'Đánh giá sản phẩm',
  rating: 'Bạn chấm mấy sao?',
  starLabel: (n: number) => `${n} sao`,
  comment: 'Nhận xét (không bắt buộc)',
  send: 'Gửi đánh giá',
  thanks: 'Cảm ơn bạn đã gửi đánh giá!',
  feedbackFailed: 'Chưa gửi được đánh giá:',
  epcis: 'Hồ sơ EPCIS',
  jwks: 'Khóa xác minh tem',
  linkset: 'Liên kết GS1',
  tryLater: 'Vui lòng thử lại sau ít phút.',
}

const TEXT_EN: typeof TEXT_VI = {
  siteName: 'zonetrace traceability',
  otherLang: 'Tiếng Việt',
  untrusted:
    'The details below are what this code points to; they cannot be confirmed for the item you hold.',
  recallReason: 'Reason',
  recalledOn: 'Recalled on',
  ocopExpiredOn: (date: string) => `The product's OCOP certificate expired on ${date}.`,
  whatToDo: 'What to do:',
  scanned: (n: string, first: string | null) => `Scanned ${n} times${first ? `, first on ${first}` : ''}.`,
  firstScan: 'This is the first scan of this code.',
  ocopStars: (n: number) => `OCOP ${n}-star`,
  notOcop: 'Not an OCOP-rated product (below 3 stars).',
  group: 'Product group',
  certificateNo: 'OCOP certificate no.',
  validUntil: 'Valid until',
  expired: 'expired',
  producer: 'Producer',
  lot: 'Lot',
  serial: 'Serial',
  harvested: 'Harvested',
  areas: 'Growing area',
  areaCode: 'Area code',
  crop: 'Crop or species',
  size: 'Area',
  commune: 'Commune',
  formerly: (name: string) => `formerly ${name}`,
  certifications: 'Certifications',
  noCertifications: 'None recorded',
  map: {
    areaTitle: (code: string, place: string | null) =>
      `Map of growing area ${code}${place ? ` in ${place}` : ''}`,
    locatorTitle: (code: string, inVinhLong: boolean) =>
      `Locator map: growing area ${code} is the red dot ${
        inVinhLong ? 'in Vĩnh Long province, in the Mekong Delta' : 'in southern Vietnam'
      }`,
    inProvince: (place: string | null) => (place ? `${place}, Vĩnh Long province` : 'Vĩnh Long province'),
    north: 'N',
    vinhLong: 'Vĩnh Long',
    delta: 'Mekong Delta',
    hcmc: 'Ho Chi Minh City',
    cambodia: 'Cambodia',
    openApp: 'Open in your map app',
    openWeb: 'View on OpenStreetMap',
  },
  timeline: 'Harvest and processing',
  noEvents: 'No events recorded yet.',
  fromLots: 'From lots',
  intoLots: 'Into lots',
  evidence: 'Growing-area sensor record',
  noEvidence: 'There is no sensor record for this lot.',
  window: (from: string, to: string) => `From ${from} to ${to}`,
  coverage: 'Data coverage',
  alerts: 'Alerts',
  minMeanMax: 'Min / mean / max',
  readings: (n: string) => `${n} readings`,
  standard: 'Standard',
  within: (share: string, metric: string, limits: string) =>
    `In ${share} of readings, ${metric} was within the permitted limit (${limits}).`,
  withinUnknown: (metric: string, limits: string) =>
    `There are not enough readings to tell whether ${metric} stayed within the permitted limit (${limits}).`,
  noLimits: (metric: string) =>
    `There is no set limit for ${metric}; the chart shows the measured values only.`,
  chartTitle: (metric: string) => `Chart of ${metric} over the growing period`,
  chartDesc: (metric: string, from: string, to: string, min: string, mean: string, max: string) =>
    `${metric} from ${from} to ${to}: lowest ${min}, mean ${mean}, highest ${max}.`,
  limitLabel: (code: string | null, bound: string) => (code ? `${code} limit: ${bound}` : `limit ${bound}`),
  chartKey: (bucket: 'day' | 'hour' | null) => ({
    mean: bucket === 'day' ? 'daily mean' : bucket === 'hour' ? 'hourly mean' : 'mean',
    band: bucket === 'day' ? 'daily lowest–highest' : 'lowest–highest',
    limit: 'limit',
  }),
  feedback: 'Rate this product',
  rating: 'How many stars?',
  starLabel: (n: number) => (n === 1 ? '1 star' : `${n} stars`),
  comment: 'Comment (optional)',
  send: 'Send',
  thanks: 'Thank you for your feedback!',
  feedbackFailed: 'Your feedback was not sent:',
  epcis: 'EPCIS record',
  jwks: 'Label verification keys',
  linkset: 'GS1 linkset',
  tryLater: 'Please try again in a few minutes.',
}

const TEXT: Pair<typeof TEXT_VI> = { vi: TEXT_VI, en: TEXT_EN }

type Strings = typeof TEXT_VI & {
  verdictTitle: Record<Verdict, string>
  advice: Record<Verdict, (by: string) => string>
  verdictDetail: (typeof VERDICT_DETAIL)['vi']
  bizStep: Record<LotBizStep | 'transforming', string>
  ocopGroup: Record<OcopGroup, string>
  scheme: Record<CertificationScheme, string>
  clone: Record<CloneFlag, string>
  status: Record<400 | 404 | 429, string>
}

function build(lang: Lang): Strings {
  return {
    ...TEXT[lang],
    verdictTitle: VERDICT_TITLE[lang],
    advice: ADVICE[lang],
    verdictDetail: VERDICT_DETAIL[lang],
    bizStep: BIZ_STEP[lang],
    ocopGroup: OCOP_GROUP[lang],
    scheme: SCHEME[lang],
    clone: CLONE[lang],
    status: STATUS[lang],
  }
}

const TABLE: Pair<Strings> = { vi: build('vi'), en: build('en') }

export function strings(lang: Lang): Strings {
  return TABLE[lang]
}

/** What every section needs: the words, and today's date for marking expired certificates. */
export interface PageContext {
  lang: Lang
  s: Strings
  /** YYYY-MM-DD on the Vietnamese clock */
  today: string
}
