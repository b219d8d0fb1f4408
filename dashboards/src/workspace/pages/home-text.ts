// What the workspace's home says, Vietnamese first, English beside it (same type, so a missing entry is an error).
import type { Lang } from '@zonetrace/contracts'

const VI = {
  title: 'Tổng quan',
  areas: 'Vùng trồng',
  noAreas: 'Hợp tác xã chưa có vùng trồng nào.',
  allWell: 'Không có cảnh báo',
  openAlerts: (n: number, worst: string) => `${n} cảnh báo đang mở, cao nhất: ${worst}`,
  noReadings: 'Chưa có số đo',
  expired: (d: string) => `Chứng nhận đã hết hạn ngày ${d}`,
  expiresSoon: (days: number) =>
    days === 0 ? 'Chứng nhận hết hạn hôm nay' : `Chứng nhận hết hạn sau ${days} ngày`,
  lots: 'Lô hàng đang xử lý',
  noLots: 'Không có lô nào đang xử lý.',
  harvested: (d: string) => `Thu hoạch ${d}`,
  allLots: 'Xem tất cả lô hàng',
  feedback: 'Ý kiến mới (7 ngày)',
  noFeedback: 'Chưa có ý kiến mới trong 7 ngày qua.',
  newFeedback: (n: number) => `${n} ý kiến mới`,
  stars: (n: number) => `${n} trên 5 sao`,
  noComment: '(không có lời nhắn)',
  allFeedback: 'Xem ý kiến và lượt quét',
  flagged: 'Tem nghi bị sao chép',
  noFlagged: 'Không có tem nào bị nghi sao chép.',
  flagReason: {
    too_many_scans: 'bị quét quá nhiều lần',
    impossible_travel: 'bị quét ở hai nơi quá xa nhau',
  } as Record<string, string>,
  serialOfLot: (serial: string, lot: string) => `Tem ${serial} của lô ${lot}`,
  scans: (n: number) => `${n} lượt quét`,
}

export type HomeText = typeof VI

const EN: HomeText = {
  title: 'Overview',
  areas: 'Growing areas',
  noAreas: 'The cooperative has no growing areas yet.',
  allWell: 'No alerts',
  openAlerts: (n, worst) => `${n} open alert${n === 1 ? '' : 's'}, worst: ${worst}`,
  noReadings: 'No readings yet',
  expired: (d) => `Certificate expired on ${d}`,
  expiresSoon: (days) => (days === 0 ? 'Certificate expires today' : `Certificate expires in ${days} days`),
  lots: 'Lots in progress',
  noLots: 'No lots in progress.',
  harvested: (d) => `Harvested ${d}`,
  allLots: 'All lots',
  feedback: 'New feedback (7 days)',
  noFeedback: 'No new feedback in the last 7 days.',
  newFeedback: (n) => `${n} new`,
  stars: (n) => `${n} of 5 stars`,
  noComment: '(no comment)',
  allFeedback: 'Feedback and scans',
  flagged: 'Labels that look copied',
  noFlagged: 'No label looks copied.',
  flagReason: {
    too_many_scans: 'scanned too many times',
    impossible_travel: 'scanned too far apart too quickly',
  },
  serialOfLot: (serial, lot) => `Label ${serial} of lot ${lot}`,
  scans: (n) => `${n} scan${n === 1 ? '' : 's'}`,
}

export const homeText = (lang: Lang): HomeText => (lang === 'vi' ? VI : EN)
