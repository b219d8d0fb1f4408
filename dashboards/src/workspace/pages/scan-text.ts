// The scan page's words, Vietnamese first; English has the same shape so neither can miss one. The island
// (dashboards/islands/lib/label-scan-text.ts) has its own copy of the few words it says itself.
import type { Lang } from '@zonetrace/contracts'
import type { ScanBizStep } from '@zonetrace/db'

/** Why a typed or scanned label was not recorded. */
export type ScanProblem =
  | 'empty'
  | 'step'
  | 'malformed'
  | 'non_canonical'
  | 'unsigned'
  | 'unknown_key'
  | 'bad_signature'
  | 'unknown_code'
  | 'unknown_lot'
  | 'recalled'
  | 'consumed'
  | 'refused'

export interface ScanText {
  title: string
  lead: string
  stepLegend: string
  steps: Record<ScanBizStep, string>
  openCamera: string
  codeLabel: string
  codeHint: string
  record: string
  recorded: (step: string, lotId: string) => string
  problems: Record<ScanProblem, string>
  recentTitle: string
  recentNone: string
  lot: string
  step: string
  time: string
  place: string
}

const vi: ScanText = {
  title: 'Quét tem',
  lead: 'Quét mã QR trên tem để ghi nhận lô hàng được nhận, gửi đi hoặc kiểm tra.',
  stepLegend: 'Bước',
  steps: { receiving: 'Nhận hàng', shipping: 'Gửi hàng', inspecting: 'Kiểm tra' },
  openCamera: 'Mở máy ảnh',
  codeLabel: 'Mã in dưới tem hoặc đường dẫn của tem',
  codeHint: 'Gõ mã 12 ký tự in dưới mã QR, hoặc dán đường dẫn của tem.',
  record: 'Ghi nhận',
  recorded: (step, lotId) => `Đã ghi nhận “${step}” cho lô ${lotId}.`,
  problems: {
    empty: 'Hãy gõ mã in dưới tem hoặc dán đường dẫn của tem.',
    step: 'Hãy chọn một bước: nhận hàng, gửi hàng hoặc kiểm tra.',
    malformed: 'Đây không phải đường dẫn tem zonetrace. Hãy kiểm tra lại.',
    non_canonical: 'Đường dẫn tem bị viết khác bản in. Hãy quét lại tem gốc.',
    unsigned: 'Tem không có chữ ký: không phải tem do zonetrace cấp. Chưa ghi nhận gì.',
    unknown_key: 'Tem giả hoặc đã bị thu hồi khóa ký: không ghi nhận. Hãy báo cho cán bộ.',
    bad_signature: 'Chữ ký trên tem không đúng: tem giả. Không ghi nhận. Hãy báo cho cán bộ.',
    unknown_code: 'Không tìm thấy tem có mã này. Hãy kiểm tra lại mã in dưới tem.',
    unknown_lot: 'Lô hàng của tem này không thuộc hợp tác xã của bạn. Không ghi nhận.',
    recalled: 'Lô hàng này đã bị thu hồi: chỉ còn ghi nhận được “Kiểm tra”. Không ghi nhận.',
    consumed: 'Lô hàng này đã được tách hoặc gộp thành lô khác: hãy quét tem của lô mới.',
    refused: 'Không ghi nhận được: lô hàng này không nhận thêm sự kiện này.',
  },
  recentTitle: 'Đã ghi nhận gần đây',
  recentNone: 'Chưa có lần quét nào.',
  lot: 'Lô',
  step: 'Bước',
  time: 'Lúc',
  place: 'Nơi',
}

const en: ScanText = {
  title: 'Scan',
  lead: "Scan a label's QR code to record that its lot was received, shipped or inspected.",
  stepLegend: 'Step',
  steps: { receiving: 'Receiving', shipping: 'Shipping', inspecting: 'Inspecting' },
  openCamera: 'Open camera',
  codeLabel: "Code printed under the label, or the label's link",
  codeHint: 'Type the 12-character code under the QR code, or paste the label’s link.',
  record: 'Record',
  recorded: (step, lotId) => `Recorded “${step}” for lot ${lotId}.`,
  problems: {
    empty: "Type the code under the label or paste the label's link.",
    step: 'Choose a step: receiving, shipping or inspecting.',
    malformed: 'This is not a zonetrace label link. Please check it.',
    non_canonical: 'The label link is written differently from the print. Scan the original label.',
    unsigned: 'The label has no signature: not issued by zonetrace. Nothing recorded.',
    unknown_key: 'Forged label or revoked signing key: nothing recorded. Tell an officer.',
    bad_signature: 'The label’s signature is wrong: a forged label. Nothing recorded. Tell an officer.',
    unknown_code: 'No label has this code. Check the code under the label.',
    unknown_lot: "This label's lot is not your cooperative's. Nothing recorded.",
    recalled: 'This lot was recalled: only “Inspecting” can still be recorded. Nothing recorded.',
    consumed: "This lot was split or merged into other lots: scan the new lot's label.",
    refused: 'Not recorded: this lot takes no such event now.',
  },
  recentTitle: 'Recently recorded',
  recentNone: 'No scans yet.',
  lot: 'Lot',
  step: 'Step',
  time: 'At',
  place: 'Place',
}

export function scanText(lang: Lang): ScanText {
  return lang === 'vi' ? vi : en
}
