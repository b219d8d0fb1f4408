// Numbers and dates the way a reader in Vietnam expects them: dd/mm/yyyy on the Asia/Ho_Chi_Minh clock
// (whatever zone the server runs in), and the vi-VN decimal comma in Vietnamese.
import type { Lang } from './i18n.ts'

const PAGE_TIME_ZONE = 'Asia/Ho_Chi_Minh'

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' }
const numberFormats = new Map<string, Intl.NumberFormat>()

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}:${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[lang], options)
    numberFormats.set(key, format)
  }
  return format
}

/** A measured value: at most two decimals, since probes are not more precise than that. */
export function formatNumber(lang: Lang, value: number | null | undefined, maxDecimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return numberFormat(lang, { maximumFractionDigits: maxDecimals }).format(value)
}

/** A share 0–1 as a percentage to a tenth, rounded down so a share short of all never shows as 100 %. */
export function formatShare(lang: Lang, share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—'
  const tenths = Math.floor(Math.min(1, Math.max(0, share)) * 1000 + 1e-9) / 1000
  return numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(tenths)
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PAGE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

function clockParts(instant: string | Date): Record<string, string> | null {
  const date = typeof instant === 'string' ? new Date(instant) : instant
  if (Number.isNaN(date.getTime())) return null
  const out: Record<string, string> = {}
  for (const p of parts.formatToParts(date)) out[p.type] = p.value
  return out
}

/** dd/mm/yyyy of an instant, on the Vietnamese clock. */
export function formatDate(instant: string | Date | null | undefined): string {
  const p = instant ? clockParts(instant) : null
  return p ? `${p.day}/${p.month}/${p.year}` : '—'
}

/** dd/mm/yyyy HH:mm of an instant, on the Vietnamese clock. */
export function formatDateTime(instant: string | null | undefined): string {
  const p = instant ? clockParts(instant) : null
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : '—'
}

/** A calendar day (YYYY-MM-DD) as dd/mm/yyyy, without passing through any time zone. */
export function formatDay(day: string | null | undefined): string {
  const m = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (day ?? '—')
}

/** Today as YYYY-MM-DD on the Vietnamese clock, to compare with certificate end days. */
export function dayOf(now: Date): string {
  const p = clockParts(now)
  return p ? `${p.year}-${p.month}-${p.day}` : ''
}

/** A certificate valid through `validTo` has expired once that day is over. */
export function isExpired(validTo: string | null | undefined, today: string): boolean {
  return typeof validTo === 'string' && validTo < today
}

// SenML unit symbols shown the way a label reader writes them.
const UNIT_DISPLAY: Record<string, string> = { Cel: '°C', 'uS/cm': 'µS/cm', ppt: '‰' }

export function displayUnit(unit: string): string {
  return UNIT_DISPLAY[unit] ?? unit
}
