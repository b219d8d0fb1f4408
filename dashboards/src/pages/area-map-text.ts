// What the officer's map says, Vietnamese first, English beside it (same type, so a missing entry is an error).
import type { Lang } from '@zonetrace/contracts'

const VI = {
  region: (n: number) => `Bản đồ ${n} vùng trồng, tô màu theo cảnh báo đang mở nặng nhất; danh sách bên dưới`,
  legend: 'Chú giải',
  gatewayOnline: 'Gateway trực tuyến',
  gatewayOffline: 'Gateway mất kết nối',
  crop: 'Cây trồng, vật nuôi',
  commune: 'Xã',
  gateways: 'Gateway',
  openArea: 'Xem vùng trồng',
  formerly: 'trước đây',
  outlineAttribution: 'Đường bờ: Natural Earth (miền công cộng)',
}

const EN: typeof VI = {
  region: (n: number) => `Map of ${n} growing areas, coloured by their worst open alert; the list follows`,
  legend: 'Legend',
  gatewayOnline: 'Gateway online',
  gatewayOffline: 'Gateway offline',
  crop: 'Crop or species',
  commune: 'Commune',
  gateways: 'Gateways',
  openArea: 'Open the area',
  formerly: 'formerly',
  outlineAttribution: 'Coast: Natural Earth (public domain)',
}

export function areaMapText(lang: Lang): typeof VI {
  return lang === 'vi' ? VI : EN
}
