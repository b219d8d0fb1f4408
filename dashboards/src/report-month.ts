// The month a compliance report covers, as the GET form sends it (input type=month: 'YYYY-MM'), turned into
// its first and last Vietnamese calendar days. Anything else is refused with a message, never a guess.
import { vietnamDate } from '@zonetrace/db'

export interface ReportMonth {
  /** 'YYYY-MM' */
  month: string
  /** First and last day, 'YYYY-MM-DD', inclusive. */
  from: string
  to: string
}

/** The month that is now on the Vietnamese clock. */
export function currentMonth(now = Date.now()): string {
  return vietnamDate(now).slice(0, 7)
}

/** The month named, or null when the text is not a month between 2000 and 2099. */
export function parseMonth(text: string): ReportMonth | null {
  const match = /^(20\d{2})-(0[1-9]|1[0-2])$/.exec(text)
  if (!match) return null
  const [year, month] = [Number(match[1]), Number(match[2])]
  // Day 0 of the next month is the last day of this one; Date.UTC counts months from 0.
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return { month: text, from: `${text}-01`, to: `${text}-${String(last).padStart(2, '0')}` }
}
