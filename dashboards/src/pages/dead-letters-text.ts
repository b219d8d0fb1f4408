// What the dead-letters page says, Vietnamese first. Reasons are named for people; the code stays beside it.
import type { DeadLetterReason, Lang } from '@zonetrace/contracts'

const VI = {
  title: 'Thư lỗi',
  lead: 'Dữ liệu gateway gửi đến mà hệ thống đã nhận nhưng không lưu, mới nhất trước.',
  reason: 'Lý do',
  gateway: 'Gateway',
  topic: 'Chủ đề MQTT',
  received: 'Thời điểm nhận',
  payload: 'Nội dung',
  detail: 'Chi tiết',
  anyReason: 'Mọi lý do',
  gatewayHint: 'Mã gateway, để trống để xem tất cả',
  filter: 'Lọc',
  clear: 'Bỏ lọc',
  none: 'Không có thư lỗi nào khớp.',
  older: 'Cũ hơn',
  base64: 'nhị phân, base64',
  bytes: (n: string) => `${n} byte`,
  cut: 'chỉ lưu 16 KiB đầu',
  record: (i: number) => `bản ghi ${i}`,
  badReason: (r: string) => `Lý do "${r}" không có trong danh sách.`,
  badCursor: 'Liên kết trang không hợp lệ.',
  reasons: {
    malformed_senml: 'Không phải gói SenML',
    invalid_record: 'Bản ghi không hợp lệ',
    non_finite_value: 'Giá trị không hữu hạn',
    time_out_of_bounds: 'Thời gian ngoài phạm vi',
    unknown_sensor: 'Cảm biến không xác định',
    foreign_sensor: 'Cảm biến của gateway khác',
    oversized_payload: 'Gói quá lớn',
    malformed_alarm: 'Báo động sai định dạng',
  } satisfies Record<DeadLetterReason, string>,
}

type DeadLettersText = typeof VI

const EN: DeadLettersText = {
  title: 'Dead letters',
  lead: 'What gateways sent that the platform received but did not store, newest first.',
  reason: 'Reason',
  gateway: 'Gateway',
  topic: 'MQTT topic',
  received: 'Received',
  payload: 'Payload',
  detail: 'Detail',
  anyReason: 'Any reason',
  gatewayHint: 'Gateway id, empty for all',
  filter: 'Filter',
  clear: 'Clear filter',
  none: 'No dead letters match.',
  older: 'Older',
  base64: 'binary, base64',
  bytes: (n: string) => `${n} bytes`,
  cut: 'only the first 16 KiB kept',
  record: (i: number) => `record ${i}`,
  badReason: (r: string) => `"${r}" is not one of the reasons.`,
  badCursor: 'The page link is not valid.',
  reasons: {
    malformed_senml: 'Not a SenML pack',
    invalid_record: 'Invalid record',
    non_finite_value: 'Non-finite value',
    time_out_of_bounds: 'Time out of bounds',
    unknown_sensor: 'Unknown sensor',
    foreign_sensor: "Another gateway's sensor",
    oversized_payload: 'Payload too large',
    malformed_alarm: 'Malformed alarm report',
  },
}

export function deadLettersText(lang: Lang): DeadLettersText {
  return lang === 'en' ? EN : VI
}
