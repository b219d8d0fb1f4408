// What the label-keys page says, Vietnamese first. The revocation warning is the point of the page: a
// revoked key makes every label it signed read as not authentic, and that cannot be undone.
import type { Lang } from '@zonetrace/contracts'

const VI = {
  title: 'Khóa ký nhãn',
  lead: 'Các khóa ký mã QR trên nhãn sản phẩm. Khóa mới nhất ký nhãn mới; các khóa cũ chưa thu hồi vẫn được công bố để nhãn đã in tiếp tục xác thực được.',
  kid: 'Mã khóa (kid)',
  created: 'Ngày tạo',
  state: 'Trạng thái',
  action: 'Thao tác',
  signing: 'Đang ký nhãn mới',
  published: 'Chỉ xác thực nhãn đã in',
  revoked: (at: string) => `Đã thu hồi lúc ${at}`,
  none: 'Chưa có khóa nào. Khóa đầu tiên được tạo khi in nhãn lần đầu, hoặc khi bấm "Tạo khóa mới".',
  rotate: 'Tạo khóa mới',
  rotateHint: 'Khóa mới ký mọi nhãn từ nay; nhãn đã in bằng khóa cũ vẫn xác thực được.',
  rotated: (kid: string) => `Đã tạo khóa ${kid}; từ nay nhãn mới được ký bằng khóa này.`,
  revoke: 'Thu hồi…',
  confirmTitle: (kid: string) => `Thu hồi khóa ${kid}?`,
  confirmWarning:
    'Sau khi thu hồi, MỌI nhãn đã in bằng khóa này sẽ hiện là KHÔNG xác thực khi quét mã QR, kể cả nhãn thật đang nằm trên sản phẩm ngoài chợ. Không thể hoàn tác: phần bí mật của khóa bị xóa.',
  confirmWhen:
    'Chỉ thu hồi khi khóa bị lộ (máy chủ hoặc bản sao thư mục dữ liệu rơi vào tay người khác). Để đổi khóa định kỳ, hãy dùng "Tạo khóa mới".',
  confirmSigning:
    'Đây là khóa đang ký nhãn mới: sau khi thu hồi, khóa chưa thu hồi mới nhất (hoặc một khóa mới) sẽ ký thay.',
  confirmButton: 'Thu hồi vĩnh viễn',
  cancel: 'Hủy, quay lại danh sách',
  revokedDone: (kid: string) =>
    `Đã thu hồi khóa ${kid}. Nhãn ký bằng khóa này giờ hiện là không xác thực; khóa đã bị gỡ khỏi JWKS.`,
  alreadyRevoked: (kid: string) => `Khóa ${kid} đã bị thu hồi từ trước.`,
  unknown: (kid: string) => `Không có khóa nào mã "${kid}".`,
  notConfirmed: 'Chưa xác nhận thu hồi: hãy bấm "Thu hồi…" rồi xác nhận trên trang cảnh báo.',
}

type LabelKeysText = typeof VI

const EN: LabelKeysText = {
  title: 'Label keys',
  lead: 'The keys that sign the QR codes on product labels. The newest signs new labels; older keys not revoked stay published, so labels already printed keep verifying.',
  kid: 'Key id (kid)',
  created: 'Created',
  state: 'State',
  action: 'Action',
  signing: 'Signing new labels',
  published: 'Verifies printed labels only',
  revoked: (at: string) => `Revoked at ${at}`,
  none: 'No keys yet. The first is made when labels are first issued, or with "New key".',
  rotate: 'New key',
  rotateHint: 'The new key signs every label from now on; labels printed under older keys keep verifying.',
  rotated: (kid: string) => `Made key ${kid}; new labels are signed with it from now on.`,
  revoke: 'Revoke…',
  confirmTitle: (kid: string) => `Revoke key ${kid}?`,
  confirmWarning:
    'Once revoked, EVERY label already printed with this key reads as NOT authentic when its QR code is scanned, including genuine labels on products in the market. This cannot be undone: the private key is erased.',
  confirmWhen:
    'Revoke only a key that has leaked (the server or a copy of its data folder in other hands). For a routine change, use "New key".',
  confirmSigning:
    'This key signs new labels: once revoked, the newest key not revoked (or a new one) signs instead.',
  confirmButton: 'Revoke for good',
  cancel: 'Cancel, back to the list',
  revokedDone: (kid: string) =>
    `Revoked key ${kid}. Labels it signed now read as not authentic; it is gone from the JWKS.`,
  alreadyRevoked: (kid: string) => `Key ${kid} was revoked already.`,
  unknown: (kid: string) => `There is no key "${kid}".`,
  notConfirmed: 'Revocation not confirmed: use "Revoke…" and confirm on the warning page.',
}

export function labelKeysText(lang: Lang): LabelKeysText {
  return lang === 'en' ? EN : VI
}
