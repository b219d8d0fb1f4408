// What the catalogue says of itself and of each dataset, in Vietnamese and English.
import type { CollectionId } from '@zonetrace/contracts'

export interface Bilingual {
  vi: string
  en: string
}

export const CATALOG_TEXT = {
  title: {
    vi: 'Dữ liệu mở vùng trồng và chất lượng nước (zonetrace)',
    en: 'Open data on growing areas and water quality (zonetrace)',
  },
  description: {
    vi: 'Các vùng trồng, vùng nuôi công khai, trạm quan trắc và chất lượng nước hằng ngày (độ mặn, pH, oxy hòa tan…) ở Đồng bằng sông Cửu Long, qua OGC API – Features và tệp CSV, GeoJSON cho toàn tỉnh và từng xã.',
    en: 'Public growing areas and ponds, monitoring stations and daily water quality (salinity, pH, dissolved oxygen…) in the Mekong Delta, through OGC API – Features and as CSV and GeoJSON files for the province and each commune.',
  },
  service: { vi: 'OGC API – Features của zonetrace', en: 'zonetrace OGC API – Features' },
  serviceKeywords: {
    vi: ['OGC API – Features', 'GeoJSON', 'dữ liệu mở', 'bản đồ số'],
    en: ['OGC API – Features', 'GeoJSON', 'open data', 'digital map'],
  },
} as const

export const DISTRIBUTION_TEXT = {
  ogc: {
    vi: 'Đọc trực tiếp từ QGIS, GDAL/OGR, ArcGIS hoặc Leaflet; lọc theo khung bao, thời gian và thuộc tính, phân trang bằng liên kết next.',
    en: 'Read directly by QGIS, GDAL/OGR, ArcGIS or Leaflet; filter by bounding box, time and properties, page by the next links.',
  },
  csv: {
    title: { vi: 'Tệp CSV toàn tỉnh', en: 'CSV file, whole province' },
    description: {
      vi: 'UTF-8 có BOM (Excel đọc được tiếng Việt), một dòng mỗi đối tượng, kèm kinh độ và vĩ độ; cập nhật mỗi giờ.',
      en: 'UTF-8 with a byte-order mark (Excel reads the Vietnamese), one row per feature with longitude and latitude; updated hourly.',
    },
  },
  geojson: {
    title: { vi: 'Tệp GeoJSON toàn tỉnh', en: 'GeoJSON file, whole province' },
    description: {
      vi: 'FeatureCollection GeoJSON (RFC 7946, CRS84) với cùng các đối tượng như OGC API; cập nhật mỗi giờ.',
      en: 'A GeoJSON FeatureCollection (RFC 7946, CRS84) of the same features as the OGC API; updated hourly.',
    },
  },
} as const

export const DATASET_TEXT: Record<
  CollectionId,
  { title: Bilingual; description: Bilingual; keywords: { vi: string[]; en: string[] } }
> = {
  'growing-areas': {
    title: { vi: 'Vùng trồng, vùng nuôi', en: 'Growing areas' },
    description: {
      vi: 'Mỗi vùng trồng công khai với ranh giới, mã vùng, cây trồng hoặc vật nuôi, diện tích, xã hiện hành và tên cũ, hợp tác xã, chứng nhận và hạn, bộ ngưỡng và tình trạng hôm nay (bình thường hoặc mức cảnh báo cao nhất).',
      en: "Each public growing area with its outline, code, crop or species, hectares, today's commune and its former name, cooperative, certifications and their expiry, threshold preset and today's state (ok or the worst open alert's severity).",
    },
    keywords: {
      vi: ['vùng trồng', 'mã số vùng trồng', 'nông nghiệp', 'nuôi trồng thủy sản', 'bản đồ số'],
      en: ['growing area', 'raw-material zone', 'agriculture', 'aquaculture', 'digital map'],
    },
  },
  stations: {
    title: { vi: 'Trạm quan trắc nước', en: 'Water monitoring stations' },
    description: {
      vi: 'Các trạm (gateway) của vùng trồng công khai: vị trí (hoặc tâm vùng khi chưa có), cảm biến, chỉ tiêu đo và tình trạng trực tuyến.',
      en: "The gateways of public growing areas: position (or the area's centre when none is recorded), sensors, metrics measured and whether each is online.",
    },
    keywords: {
      vi: ['trạm quan trắc', 'cảm biến', 'chất lượng nước'],
      en: ['monitoring station', 'sensor', 'water quality'],
    },
  },
  'daily-water': {
    title: { vi: 'Chất lượng nước hằng ngày', en: 'Daily water quality' },
    description: {
      vi: 'Theo vùng trồng, chỉ tiêu và ngày (giờ Việt Nam): số lần đo, nhỏ nhất, trung bình, lớn nhất và tỷ lệ nằm trong ngưỡng của vùng, từ báo cáo tuân thủ hằng ngày.',
      en: "Per growing area, metric and Vietnamese day: readings, minimum, mean, maximum and the share within the area's limits, from the daily compliance report.",
    },
    keywords: {
      vi: ['độ mặn', 'xâm nhập mặn', 'pH', 'oxy hòa tan', 'chất lượng nước'],
      en: ['salinity', 'saline intrusion', 'pH', 'dissolved oxygen', 'water quality'],
    },
  },
}
