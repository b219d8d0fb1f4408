// What the public map page says, Vietnamese first, English beside it (same type, so a missing entry is an
// error). The island's words (PublicMapText) are here too: the server hands them over inline.
import type { AreaState, Lang } from '@zonetrace/contracts'
import type { PublicMapText } from '../../islands/lib/public-map-data.ts'

const STATE_VI: Record<AreaState, string> = {
  ok: 'Bình thường',
  warning: 'Lưu ý',
  minor: 'Cảnh báo nhẹ',
  major: 'Cảnh báo nghiêm trọng',
  critical: 'Khẩn cấp',
}

const STATE_EN: Record<AreaState, string> = {
  ok: 'Normal',
  warning: 'Watch',
  minor: 'Minor warning',
  major: 'Major warning',
  critical: 'Critical',
}

const ISLAND_VI: PublicMapText = {
  state: STATE_VI,
  legend: 'Chú giải: tình trạng hôm nay',
  mapLabel: 'Bản đồ',
  close: 'Đóng',
  crop: 'Cây trồng, vật nuôi',
  commune: 'Xã',
  formerly: 'trước đây',
  cooperative: 'Hợp tác xã',
  areaHa: 'Diện tích',
  certifications: 'Chứng nhận',
  noCertifications: 'Chưa có',
  validTo: 'hiệu lực đến',
  expired: 'đã hết hạn',
  chartTitle: '{metric} trong 30 ngày qua',
  chartDesc:
    '{days} ngày có số liệu. Trung bình {mean}, thấp nhất {lowest}, cao nhất {highest}. Đường đứt nét màu đỏ là giới hạn.',
  chartKeyMean: 'trung bình ngày',
  chartKeyBand: 'thấp nhất – cao nhất',
  chartKeyLimit: 'Giới hạn',
  noWater: 'Chưa có số liệu trong 30 ngày qua.',
  noKeyMetric: 'Vùng này chưa có ngưỡng chất lượng nước để theo dõi.',
  loadFailed: 'Không tải được dữ liệu. Danh sách bên dưới vẫn đầy đủ.',
  showOnMap: 'Xem trên bản đồ',
  outlineAttribution: 'Đường bờ: Natural Earth (miền công cộng)',
}

const ISLAND_EN: PublicMapText = {
  state: STATE_EN,
  legend: "Legend: today's state",
  mapLabel: 'Map',
  close: 'Close',
  crop: 'Crop or species',
  commune: 'Commune',
  formerly: 'formerly',
  cooperative: 'Cooperative',
  areaHa: 'Area',
  certifications: 'Certifications',
  noCertifications: 'None',
  validTo: 'valid to',
  expired: 'expired',
  chartTitle: '{metric} over the last 30 days',
  chartDesc:
    '{days} days with readings. Mean {mean}, lowest {lowest}, highest {highest}. The dashed red line is the limit.',
  chartKeyMean: 'daily mean',
  chartKeyBand: 'lowest – highest',
  chartKeyLimit: 'Limit',
  noWater: 'No readings in the last 30 days.',
  noKeyMetric: 'This area has no water-quality limit to follow yet.',
  loadFailed: 'The data could not be loaded. The list below is complete.',
  showOnMap: 'Show on the map',
  outlineAttribution: 'Coast: Natural Earth (public domain)',
}

const VI = {
  title: 'Bản đồ vùng trồng, vùng nuôi',
  description:
    'Bản đồ số các vùng trồng và vùng nuôi công khai ở Đồng bằng sông Cửu Long: mã vùng, chứng nhận và chất lượng nước hằng ngày, dữ liệu mở.',
  skip: 'Bỏ qua, đến nội dung chính',
  otherLang: 'English',
  lead: (n: number) =>
    `${n} vùng trồng, vùng nuôi công khai, tô màu theo tình trạng nước hôm nay. Chạm vào một vùng để xem mã vùng, chứng nhận và chất lượng nước 30 ngày qua.`,
  jumpCheck: 'Kiểm tra tem sản phẩm',
  region: (n: number) => `Bản đồ ${n} vùng; danh sách bên dưới có cùng thông tin`,
  listTitle: 'Danh sách vùng trồng, vùng nuôi',
  listCaption: 'Mỗi vùng công khai: tình trạng hôm nay, cây trồng hoặc vật nuôi, xã',
  code: 'Mã vùng',
  state: 'Tình trạng hôm nay',
  crop: 'Cây trồng, vật nuôi',
  commune: 'Xã',
  formerly: 'trước đây',
  noAreas: 'Chưa có vùng nào được công khai.',
  check: 'Kiểm tra tem bằng mã số',
  codeLabel: 'Mã số in dưới mã QR (12 ký tự)',
  hint: 'Ví dụ: 9J8E X57X GNZT. Không phân biệt chữ hoa, chữ thường, dấu cách hay gạch ngang.',
  submit: 'Kiểm tra',
  openData: 'Dữ liệu mở',
  openDataLead: 'Mọi thông tin trên bản đồ đều là dữ liệu mở, theo giấy phép',
  downloads: 'Tải về CSV và GeoJSON (toàn tỉnh, từng xã)',
  catalog: 'Danh mục dữ liệu DCAT (JSON-LD)',
  ogc: 'OGC API – Features',
  docs: 'Tài liệu API (OpenAPI)',
  gisHint: 'Thêm vào QGIS hoặc GDAL:',
  publisher: 'Đơn vị công bố',
}

const EN: typeof VI = {
  title: 'Map of growing areas and ponds',
  description:
    'A digital map of the public growing areas and ponds of the Mekong Delta: area codes, certifications and daily water quality, as open data.',
  skip: 'Skip to the main content',
  otherLang: 'Tiếng Việt',
  lead: (n: number) =>
    `${n} public growing areas and ponds, coloured by the state of their water today. Tap an area to see its code, certifications and the last 30 days of its water.`,
  jumpCheck: 'Check a product label',
  region: (n: number) => `Map of ${n} areas; the list below has the same facts`,
  listTitle: 'Growing areas and ponds',
  listCaption: "Each public area: today's state, crop or species, commune",
  code: 'Area code',
  state: "Today's state",
  crop: 'Crop or species',
  commune: 'Commune',
  formerly: 'formerly',
  noAreas: 'No area has been made public yet.',
  check: 'Check a label by its code',
  codeLabel: 'The code printed under the QR symbol (12 characters)',
  hint: 'For example 9J8E X57X GNZT. Case, spaces and dashes do not matter.',
  submit: 'Check',
  openData: 'Open data',
  openDataLead: 'Everything on this map is open data, under the licence',
  downloads: 'Download CSV and GeoJSON (the province, each commune)',
  catalog: 'DCAT data catalogue (JSON-LD)',
  ogc: 'OGC API – Features',
  docs: 'API documentation (OpenAPI)',
  gisHint: 'Add to QGIS or GDAL:',
  publisher: 'Publisher',
}

export type PublicMapPageText = typeof VI

export function publicMapText(lang: Lang): PublicMapPageText {
  return lang === 'vi' ? VI : EN
}

export function publicMapIslandText(lang: Lang): PublicMapText {
  return lang === 'vi' ? ISLAND_VI : ISLAND_EN
}
