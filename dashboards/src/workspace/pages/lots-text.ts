// What the lot pages say (list, new lot, a lot and its recall), Vietnamese first; English has the same shape.
import type { Lang, LotDisposition } from '@zonetrace/contracts'

/** UN/ECE Rec 20 units a cooperative sells in, as the unit select offers them. */
export const LOT_UNITS = ['KGM', 'TNE', 'H87', 'LTR', 'BX', 'BG'] as const

const VI = {
  title: 'Lô hàng',
  lead: 'Các lô thu hoạch của hợp tác xã, mới nhất trước.',
  create: 'Tạo lô mới',
  none: 'Chưa có lô nào. Tạo lô đầu tiên từ một sản phẩm và vùng trồng.',
  noProducts: 'Cần đăng ký sản phẩm trước khi tạo lô.',
  noAreas: 'Cần đăng ký vùng trồng trước khi tạo lô.',
  product: 'Sản phẩm',
  quantity: 'Khối lượng',
  harvest: 'Thu hoạch',
  state: 'Tình trạng',
  recalledFlag: 'Đã thu hồi',
  disposition: {
    active: 'Đang lưu hành',
    in_progress: 'Đang xử lý',
    conformant: 'Đạt',
    non_conformant: 'Không đạt',
    recalled: 'Đã thu hồi',
  } satisfies Record<LotDisposition, string>,
  units: { KGM: 'kg', TNE: 'tấn', H87: 'cái', LTR: 'lít', BX: 'hộp', BG: 'túi' } as Record<string, string>,
  // New lot
  newTitle: 'Tạo lô mới',
  newLead: 'Một lô là một lần thu hoạch của một sản phẩm, từ một hay nhiều vùng trồng.',
  areas: 'Vùng trồng nguồn',
  areasHint: 'Chọn các vùng của hợp tác xã mà lô này thu hoạch từ đó.',
  harvestFrom: 'Bắt đầu thu hoạch',
  harvestTo: 'Kết thúc thu hoạch',
  timeHint: 'Giờ Việt Nam (UTC+7)',
  unit: 'Đơn vị',
  lotId: 'Số lô',
  lotIdHint: 'In trên tem (GS1 AI 10): tối đa 20 ký tự, chữ không dấu, số và - . / _',
  note: 'Ghi chú (không bắt buộc)',
  noteHint: 'Chỉ hợp tác xã thấy, không in trên tem.',
  save: 'Tạo lô',
  cancel: 'Quay lại danh sách',
  required: 'Ô này cần điền.',
  badTime: 'Hãy nhập ngày và giờ (ví dụ 05/10/2026 07:30).',
  badNumber: 'Hãy nhập một số lớn hơn 0, ví dụ 1200 hoặc 12,5.',
  pickProduct: 'Hãy chọn một sản phẩm trong danh sách.',
  created: (id: string) => `Đã tạo lô ${id}.`,
  backToLots: 'Tất cả lô hàng',
  notFoundTitle: 'Không tìm thấy lô',
  notFound: (id: string) => `Không có lô ${id} trong các lô của hợp tác xã.`,
}

export type LotsText = typeof VI

const EN: LotsText = {
  title: 'Lots',
  lead: "The cooperative's harvest lots, newest first.",
  create: 'New lot',
  none: 'No lots yet. Create the first from a product and a growing area.',
  noProducts: 'Register a product before creating a lot.',
  noAreas: 'Register a growing area before creating a lot.',
  product: 'Product',
  quantity: 'Quantity',
  harvest: 'Harvest',
  state: 'State',
  recalledFlag: 'Recalled',
  disposition: {
    active: 'In circulation',
    in_progress: 'In progress',
    conformant: 'Conformant',
    non_conformant: 'Non-conformant',
    recalled: 'Recalled',
  },
  units: { KGM: 'kg', TNE: 'tonnes', H87: 'pieces', LTR: 'litres', BX: 'boxes', BG: 'bags' },
  newTitle: 'New lot',
  newLead: 'A lot is one harvest of one product, from one or more growing areas.',
  areas: 'Source growing areas',
  areasHint: "Choose the cooperative's areas this lot was harvested from.",
  harvestFrom: 'Harvest started',
  harvestTo: 'Harvest ended',
  timeHint: 'Vietnam time (UTC+7)',
  unit: 'Unit',
  lotId: 'Lot number',
  lotIdHint: 'Printed on labels (GS1 AI 10): up to 20 characters, unaccented letters, digits and - . / _',
  note: 'Note (optional)',
  noteHint: 'Only the cooperative sees it; not printed.',
  save: 'Create lot',
  cancel: 'Back to the list',
  required: 'This field is needed.',
  badTime: 'Enter a date and time.',
  badNumber: 'Enter a number above 0, e.g. 1200 or 12.5.',
  pickProduct: 'Choose a product from the list.',
  created: (id) => `Lot ${id} created.`,
  backToLots: 'All lots',
  notFoundTitle: 'Lot not found',
  notFound: (id) => `The cooperative has no lot ${id}.`,
}

export function lotsText(lang: Lang): LotsText {
  return lang === 'vi' ? VI : EN
}

/** A quantity with its unit in words ("1.200 kg"). */
export function quantityText(lang: Lang, quantity: number, unit: string): string {
  const n = quantity.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 3 })
  return `${n} ${lotsText(lang).units[unit] ?? unit}`
}
