// Words of the <area-draw> map (dashboards/islands/area-draw.ts), sent to it inline with the page.
import type { Lang } from '@zonetrace/contracts'

const vi = {
  region: 'Bản đồ vẽ ranh giới vùng trồng',
  help: 'Chạm lên bản đồ tại từng góc của vùng, theo thứ tự đi quanh ranh giới.',
  undo: 'Bỏ góc vừa chấm',
  clear: 'Xoá hết',
  walk: 'Đi quanh ranh giới với GPS',
  stopWalk: 'Dừng GPS',
  addHere: 'Thêm góc tại chỗ đứng',
  accuracy: 'Độ chính xác GPS: ±{m} m',
  noGps: 'Thiết bị không có GPS hoặc trình duyệt không cho dùng vị trí.',
  gpsDenied: 'Trình duyệt không cho dùng vị trí: hãy cho phép trong cài đặt, hoặc chạm lên bản đồ.',
  gpsWaiting: 'Đang chờ tín hiệu GPS…',
  corners: '{n} góc',
  area: 'Diện tích vẽ: {ha} ha',
  ok: 'Ranh giới hợp lệ.',
}

export type DrawText = typeof vi

const en: DrawText = {
  region: "Map to draw the growing area's boundary",
  help: 'Tap the map at each corner of the area, in order around the boundary.',
  undo: 'Undo last corner',
  clear: 'Clear all',
  walk: 'Walk the boundary with GPS',
  stopWalk: 'Stop GPS',
  addHere: 'Add a corner where I stand',
  accuracy: 'GPS accuracy: ±{m} m',
  noGps: 'This device has no GPS or the browser does not allow location.',
  gpsDenied: 'The browser does not allow location: allow it in the settings, or tap the map.',
  gpsWaiting: 'Waiting for a GPS fix…',
  corners: '{n} corners',
  area: 'Drawn area: {ha} ha',
  ok: 'The boundary is valid.',
}

export function drawText(lang: Lang): DrawText {
  return lang === 'vi' ? vi : en
}
