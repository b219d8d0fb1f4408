// Crop and species ids as people say them. Ids are free text in the registry, so an unknown one is shown
// as written (underscores as spaces) rather than hidden.
import type { Lang, Pair } from './i18n.ts'

const CROPS: Record<string, Pair<string>> = {
  coconut: { vi: 'Dừa', en: 'Coconut' },
  wax_coconut: { vi: 'Dừa sáp', en: 'Wax coconut' },
  pomelo: { vi: 'Bưởi da xanh', en: 'Green-skin pomelo' },
  rice: { vi: 'Lúa', en: 'Rice' },
  organic_rice: { vi: 'Lúa hữu cơ', en: 'Organic rice' },
  shrimp: { vi: 'Tôm', en: 'Shrimp' },
  whiteleg_shrimp: { vi: 'Tôm thẻ chân trắng', en: 'Whiteleg shrimp' },
  tiger_shrimp: { vi: 'Tôm sú', en: 'Black tiger shrimp' },
  pangasius: { vi: 'Cá tra', en: 'Pangasius' },
  durian: { vi: 'Sầu riêng', en: 'Durian' },
  longan: { vi: 'Nhãn', en: 'Longan' },
  mango: { vi: 'Xoài', en: 'Mango' },
  citrus: { vi: 'Cây có múi', en: 'Citrus' },
  sugarcane: { vi: 'Mía', en: 'Sugarcane' },
  peanut: { vi: 'Đậu phộng', en: 'Peanut' },
}

export function cropName(crop: string, lang: Lang): string {
  return CROPS[crop]?.[lang] ?? crop.replace(/_/g, ' ')
}
