// What the label-scan island says itself, Vietnamese first (the page's own words are in
// dashboards/src/workspace/pages/scan-text.ts; the refusal wording matches the server's).
import type { LabelRefusal } from './label-verify.ts'

export interface LabelScanText {
  closeCamera: string
  cameraRefused: string
  pending: (n: number) => string
  recorded: (step: string, lotId: string) => string
  queuedOffline: (step: string, lotId: string) => string
  forged: Record<LabelRefusal, string>
  refusedTitle: string
  refusal: (lotId: string, status: number, code?: string) => string
  steps: Record<string, string>
  lot: string
  offlineCode: string
}

const vi: LabelScanText = {
  closeCamera: 'Tắt máy ảnh',
  cameraRefused: 'Không mở được máy ảnh. Hãy cho phép dùng máy ảnh, hoặc gõ mã in dưới tem.',
  pending: (n) => (n === 0 ? '' : `${n} đang chờ gửi`),
  recorded: (step, lotId) => `Đã ghi nhận “${step}” cho lô ${lotId}.`,
  queuedOffline: (step, lotId) => `Đã lưu “${step}” cho lô ${lotId}; sẽ gửi khi có mạng.`,
  forged: {
    malformed: 'Đây không phải tem zonetrace. Không ghi nhận.',
    non_canonical: 'Đường dẫn tem bị viết khác bản in. Hãy quét lại tem gốc.',
    unsigned: 'Tem không có chữ ký: không phải tem do zonetrace cấp. Không ghi nhận.',
    unknown_key: 'Tem giả hoặc đã bị thu hồi khóa ký: không ghi nhận. Hãy báo cho cán bộ.',
    bad_signature: 'Chữ ký trên tem không đúng: tem giả. Không ghi nhận. Hãy báo cho cán bộ.',
  },
  refusedTitle: 'Bị từ chối',
  refusal: (lotId, status, code) =>
    code === 'lot_recalled'
      ? `Lô ${lotId} đã bị thu hồi: chỉ còn ghi nhận được “Kiểm tra”. Không ghi nhận.`
      : code === 'lot_consumed'
        ? `Lô ${lotId} đã được tách hoặc gộp thành lô khác: hãy quét tem của lô mới.`
        : status === 404
          ? `Lô ${lotId} không thuộc hợp tác xã của bạn hoặc không còn tồn tại: không ghi nhận.`
          : status === 409
            ? `Lô ${lotId} không nhận thêm sự kiện này (trạng thái lô không cho phép).`
            : `Lô ${lotId}: máy chủ từ chối sự kiện (mã ${status}).`,
  steps: { receiving: 'Nhận hàng', shipping: 'Gửi hàng', inspecting: 'Kiểm tra' },
  lot: 'Lô',
  offlineCode: 'Đang không có mạng: mã in dưới tem cần có mạng để tra. Hãy quét mã QR bằng máy ảnh.',
}

const en: LabelScanText = {
  closeCamera: 'Close camera',
  cameraRefused: 'The camera could not be opened. Allow the camera, or type the code under the label.',
  pending: (n) => (n === 0 ? '' : `${n} waiting`),
  recorded: (step, lotId) => `Recorded “${step}” for lot ${lotId}.`,
  queuedOffline: (step, lotId) => `Saved “${step}” for lot ${lotId}; it will be sent when online.`,
  forged: {
    malformed: 'This is not a zonetrace label. Nothing recorded.',
    non_canonical: 'The label link is written differently from the print. Scan the original label.',
    unsigned: 'The label has no signature: not issued by zonetrace. Nothing recorded.',
    unknown_key: 'Forged label or revoked signing key: nothing recorded. Tell an officer.',
    bad_signature: 'The label’s signature is wrong: a forged label. Nothing recorded. Tell an officer.',
  },
  refusedTitle: 'Refused',
  refusal: (lotId, status, code) =>
    code === 'lot_recalled'
      ? `Lot ${lotId} was recalled: only “Inspecting” can still be recorded. Not recorded.`
      : code === 'lot_consumed'
        ? `Lot ${lotId} was split or merged into other lots: scan the new lot's label.`
        : status === 404
          ? `Lot ${lotId} is not your cooperative's or no longer exists: not recorded.`
          : status === 409
            ? `Lot ${lotId} takes no such event now (the lot's state does not allow it).`
            : `Lot ${lotId}: the server refused the event (code ${status}).`,
  steps: { receiving: 'Receiving', shipping: 'Shipping', inspecting: 'Inspecting' },
  lot: 'Lot',
  offlineCode: 'Offline: the printed code needs a network to look up. Scan the QR code with the camera.',
}

export function labelScanText(lang: string): LabelScanText {
  return lang === 'en' ? en : vi
}
