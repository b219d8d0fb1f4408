// Certificate days as the workspace shows them: dd/mm/yyyy in Vietnamese, and a flag on one that has
// expired or expires within 60 days, time enough to renew it before its labels stop being valid.
import { html, type Markup } from '@zonetrace/api'
import type { Lang } from '@zonetrace/contracts'

export const EXPIRY_WARNING_DAYS = 60
const DAY_MS = 86_400_000

/** 'YYYY-MM-DD' as a Vietnamese reader writes it (dd/mm/yyyy); English keeps ISO. */
export function showDay(lang: Lang, day: string): string {
  if (lang === 'en') return day
  const [y, m, d] = day.split('-')
  return `${d}/${m}/${y}`
}

/** The flag for a certificate valid through `validTo` (both days 'YYYY-MM-DD'), or nothing. */
export function expiryFlag(
  lang: Lang,
  validTo: string,
  today: string,
  t: { expired: (d: string) => string; expiresSoon: (days: number) => string },
): Markup | '' {
  const days = Math.round((Date.parse(validTo) - Date.parse(today)) / DAY_MS)
  if (days < 0)
    return html` <strong class="ws-expiry ws-expired">${t.expired(showDay(lang, validTo))}</strong>`
  if (days <= EXPIRY_WARNING_DAYS)
    return html` <strong class="ws-expiry ws-expiring">${t.expiresSoon(days)}</strong>`
  return ''
}
