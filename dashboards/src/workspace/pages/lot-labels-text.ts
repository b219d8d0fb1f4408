// What a lot's labels page says: issuing a batch, its layouts, downloads, and the batches issued so far.
import type { Lang } from '@zonetrace/contracts'

const VI = {
  title: (id: string) => `Tem nhãn lô ${id}`,
  lead: 'Mỗi tem có mã QR riêng, được ký số; người mua quét để xem nguồn gốc lô và số đo vùng trồng.',
  issue: 'In tem mới',
  count: 'Số tem',
  countHint: (max: number) => `Từ 1 đến ${max.toLocaleString('vi-VN')} tem mỗi đợt.`,
  layout: 'Khổ in',
  layoutHint: 'Có thể chọn khổ khác khi tải về.',
  a4: (perPage: number, w: number, h: number) => `A4 · ${perPage} tem/tờ · ${w}×${h} mm`,
  roll: (w: number, h: number) => `Cuộn ${w} mm · 1 tem/trang · ${w}×${h} mm`,
  doIssue: 'Tạo và ký tem',
  busy: 'Đang tạo và ký {count} tem…',
  elapsed: 'Đã {s} giây',
  issued: (n: number) => `Đã tạo ${n} tem. Tải tệp in ở đợt mới nhất bên dưới.`,
  recalled: 'Lô đã bị thu hồi: không in thêm tem.',
  badCount: (max: number) => `Hãy nhập số tem là số nguyên từ 1 đến ${max.toLocaleString('vi-VN')}.`,
  batches: 'Các đợt tem đã in',
  batchesLead:
    'Mỗi đợt ghi khóa ký (kid). Nếu một khóa bị thu hồi, mọi tem của các đợt ký bằng khóa đó sẽ báo "không xác thực" khi quét.',
  none: 'Chưa in đợt tem nào.',
  issuedAt: 'Ngày in',
  labels: 'Số tem',
  kid: 'Khóa ký (kid)',
  keyRevoked:
    'Khóa đã bị thu hồi: tem của đợt này báo "không xác thực" khi quét và không tải lại được. Hãy in đợt mới.',
  revokedBadge: 'Khóa đã thu hồi',
  download: 'Tải về',
  pdf: 'Tải PDF',
  svg: 'Tải SVG (trang 1)',
  zip: 'Tải ZIP',
  back: 'Quay lại lô',
}
export type LotLabelsText = typeof VI

const EN: LotLabelsText = {
  title: (id) => `Labels of lot ${id}`,
  lead: 'Each label has its own signed QR code; shoppers scan it to see where the lot came from and the water record.',
  issue: 'Issue labels',
  count: 'Number of labels',
  countHint: (max) => `1 to ${max.toLocaleString('en-GB')} labels a batch.`,
  layout: 'Print layout',
  layoutHint: 'Another layout can be chosen when downloading.',
  a4: (perPage, w, h) => `A4 · ${perPage} a sheet · ${w}×${h} mm`,
  roll: (w, h) => `${w} mm roll · 1 a page · ${w}×${h} mm`,
  doIssue: 'Issue and sign',
  busy: 'Issuing and signing {count} labels…',
  elapsed: '{s} s so far',
  issued: (n) => `${n} labels issued. Download the print files from the newest batch below.`,
  recalled: 'The lot is recalled: no new labels.',
  badCount: (max) => `Enter a whole number of labels from 1 to ${max.toLocaleString('en-GB')}.`,
  batches: 'Batches issued',
  batchesLead:
    'Each batch names its signing key (kid). If a key is revoked, every label of the batches it signed reads "not authentic" when scanned.',
  none: 'No labels issued yet.',
  issuedAt: 'Issued',
  labels: 'Labels',
  kid: 'Signing key (kid)',
  keyRevoked:
    'Key revoked: this batch’s labels read "not authentic" when scanned and cannot be downloaded again. Issue a new batch.',
  revokedBadge: 'Key revoked',
  download: 'Download',
  pdf: 'PDF',
  svg: 'SVG (page 1)',
  zip: 'ZIP',
  back: 'Back to the lot',
}

export function lotLabelsText(lang: Lang): LotLabelsText {
  return lang === 'vi' ? VI : EN
}
