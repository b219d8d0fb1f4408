// What the lot pages say when a repository refuses (RegistryError's English message, written for the API):
// the same refusal in the cooperative's language, matched by the message's shape. Anything not matched is
// still shown, after a Vietnamese lead, rather than hidden behind a generic error.
import type { Lang } from '@zonetrace/contracts'

type Rule = [RegExp, (m: RegExpExecArray) => string, (m: RegExpExecArray) => string]

const RULES: Rule[] = [
  [
    /^lot (.+) already exists$/,
    (m) => `Số lô ${m[1]} đã được dùng. Hãy chọn số lô khác.`,
    (m) => `Lot ${m[1]} already exists. Choose another lot number.`,
  ],
  [
    /output lot id already exists/,
    () => 'Một số lô mới đã được dùng. Hãy chọn số lô khác.',
    () => 'A new lot number is already in use. Choose another.',
  ],
  [
    /must be 1 to (\d+) characters/,
    (m) => `Số lô cần từ 1 đến ${m[1]} ký tự.`,
    (m) => `A lot number has 1 to ${m[1]} characters.`,
  ],
  [
    /outside GS1 AI encodable set 82/,
    () => 'Số lô chỉ được có chữ không dấu, chữ số và các dấu - . / _ (không dấu cách, không chữ có dấu).',
    () => 'A lot number may hold only unaccented letters, digits and - . / _ (no spaces).',
  ],
  [
    /cannot be "\." or "\.\."/,
    () => 'Số lô không được là "." hay "..".',
    () => 'A lot number cannot be "." or "..".',
  ],
  [
    /quantity must be (a )?positive/,
    () => 'Khối lượng phải lớn hơn 0.',
    () => 'The quantity must be more than 0.',
  ],
  [/^unit /, () => 'Hãy chọn một đơn vị trong danh sách.', () => 'Choose a unit from the list.'],
  [
    /harvestedFrom must not be after harvestedTo/,
    () => 'Ngày bắt đầu thu hoạch phải trước ngày kết thúc.',
    () => 'The harvest must start before it ends.',
  ],
  [/a lot date is not a valid time/, () => 'Ngày giờ không hợp lệ.', () => 'A date is not valid.'],
  [
    /needs at least one growing area/,
    () => 'Hãy chọn ít nhất một vùng trồng.',
    () => 'Choose at least one growing area.',
  ],
  [
    /growing area (.+) is not registered to/,
    (m) => `Vùng trồng ${m[1]} không thuộc hợp tác xã của bạn.`,
    (m) => `Growing area ${m[1]} is not your cooperative's.`,
  ],
  [
    /note must be at most (\d+)/,
    (m) => `Ghi chú tối đa ${m[1]} ký tự.`,
    (m) => `A note has at most ${m[1]} characters.`,
  ],
  [
    /time is in the future|not in the future/,
    () => 'Thời gian không được ở tương lai.',
    () => 'The time cannot be in the future.',
  ],
  [/not a valid instant/, () => 'Thời gian không hợp lệ.', () => 'The time is not valid.'],
  [
    /bizStep must be one of/,
    () => 'Hãy chọn một bước trong danh sách.',
    () => 'Choose a step from the list.',
  ],
  [
    /was recalled(?: on (\d{4})-(\d{2})-(\d{2}))?.*; it can no longer be/,
    (m) => `Lô đã bị thu hồi${m[1] ? ` ngày ${m[3]}/${m[2]}/${m[1]}` : ''}: chỉ còn ghi được bước Kiểm tra.`,
    (m) =>
      `The lot was recalled${m[1] ? ` on ${m[1]}-${m[2]}-${m[3]}` : ''}: only an inspection can be recorded.`,
  ],
  [
    /was split or merged into (.+?)(?: on [\d-]+)?; record this event on those lots/,
    (m) => `Lô đã được chia hoặc gộp thành ${m[1]}: hãy ghi sự kiện trên các lô đó.`,
    (m) => `The lot was split or merged into ${m[1]}: record the event on those lots.`,
  ],
  [
    /recalled; no new labels/,
    () => 'Lô đã bị thu hồi: không in thêm tem.',
    () => 'The lot is recalled: no new labels.',
  ],
  [
    /recalled lot cannot be merged/,
    () => 'Không gộp được lô đã bị thu hồi.',
    () => 'A recalled lot cannot be merged.',
  ],
  [
    /is recalled|recalled/,
    () => 'Lô đã bị thu hồi: không ghi thêm được.',
    () => 'The lot is recalled: nothing more can be recorded.',
  ],
  [
    /split needs at least two parts/,
    () => 'Chia lô cần ít nhất hai phần.',
    () => 'A split needs at least two parts.',
  ],
  [
    /each part needs a positive quantity/,
    () => 'Mỗi phần cần khối lượng lớn hơn 0.',
    () => 'Each part needs a quantity above 0.',
  ],
  [
    /the parts \((.+)\) exceed the lot \((.+)\)/,
    (m) => `Tổng các phần (${m[1]}) vượt quá lô (${m[2]}).`,
    (m) => `The parts (${m[1]}) exceed the lot (${m[2]}).`,
  ],
  [
    /merge needs at least two different lots/,
    () => 'Gộp lô cần ít nhất hai lô khác nhau.',
    () => 'A merge needs at least two different lots.',
  ],
  [
    /same product and unit/,
    () => 'Chỉ gộp được các lô cùng sản phẩm và cùng đơn vị.',
    () => 'Only lots of the same product and unit can be merged.',
  ],
  [
    /recall needs a reason/,
    () => 'Hãy ghi lý do thu hồi (1–500 ký tự).',
    () => 'Give the reason for the recall (1–500 characters).',
  ],
  [
    /count must be a whole number from 1 to (\d+)/,
    (m) => `Hãy nhập số tem là số nguyên từ 1 đến ${Number(m[1]).toLocaleString('vi-VN')}.`,
    (m) => `Enter a whole number of labels from 1 to ${Number(m[1]).toLocaleString('en-GB')}.`,
  ],
  [
    /leave no room for a QR code/,
    () => 'Khổ in này quá nhỏ để in mã QR đọc được: hãy chọn ít tem mỗi trang hơn hoặc cuộn rộng hơn.',
    () => 'This layout leaves no room for a readable QR code: choose fewer labels a page or a wider roll.',
  ],
  [
    /unknown label layout/,
    () => 'Hãy chọn một khổ in trong danh sách.',
    () => 'Choose a print layout from the list.',
  ],
  [/not found$/, () => 'Không tìm thấy lô này.', () => 'No such lot.'],
]

/** The refusal in the cooperative's language. */
export function refusalText(lang: Lang, message: string): string {
  for (const [pattern, vi, en] of RULES) {
    const m = pattern.exec(message)
    if (m) return lang === 'vi' ? vi(m) : en(m)
  }
  return lang === 'vi' ? `Hệ thống không chấp nhận: ${message}` : `Refused: ${message}`
}
