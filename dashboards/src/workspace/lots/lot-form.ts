// The new-lot form as typed and as createLot takes it: every field checked for what the form itself can say
// (blank, not a number, not a time) in the cooperative's words; everything else is left to createLot, whose
// refusal comes back beside the form (no second copy of its rules here).
import { randomInt } from 'node:crypto'
import type { Lang } from '@zonetrace/contracts'
import type { LotInput } from '@zonetrace/db'
import { lotsText } from '../pages/lots-text.ts'
import { fromVietnamLocal, toVietnamLocal } from './vietnam-time.ts'

export interface LotForm {
  productId: string
  areaCodes: string[]
  harvestedFrom: string
  harvestedTo: string
  quantity: string
  unit: string
  id: string
  note: string
}
export type LotField = keyof LotForm | 'form'
export type LotCheck =
  | { ok: true; input: LotInput }
  | { ok: false; form: LotForm; errors: Partial<Record<LotField, string>> }

const text = (v: unknown): string => (typeof v === 'string' ? v : '')
const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '')

export function lotFormOf(body: Record<string, unknown>): LotForm {
  return {
    productId: text(body.productId),
    areaCodes: list(body.areaCodes),
    harvestedFrom: text(body.harvestedFrom),
    harvestedTo: text(body.harvestedTo),
    quantity: text(body.quantity),
    unit: text(body.unit),
    id: text(body.id).trim(),
    note: text(body.note),
  }
}

/** A decimal as people type it here: 1200, 12,5 or 12.5 (no thousands separators). */
export function quantityOf(typed: string): number | null {
  const t = typed.trim().replace(',', '.')
  if (!/^\d+(\.\d+)?$/.test(t)) return null
  const n = Number(t)
  return n > 0 && Number.isFinite(n) ? n : null
}

export function checkLotForm(lang: Lang, form: LotForm): LotCheck {
  const t = lotsText(lang)
  const errors: Partial<Record<LotField, string>> = {}
  if (form.productId === '') errors.productId = t.pickProduct
  if (form.areaCodes.length === 0) errors.areaCodes = t.required
  const from = fromVietnamLocal(form.harvestedFrom)
  const to = fromVietnamLocal(form.harvestedTo)
  if (!from) errors.harvestedFrom = form.harvestedFrom ? t.badTime : t.required
  if (!to) errors.harvestedTo = form.harvestedTo ? t.badTime : t.required
  const quantity = quantityOf(form.quantity)
  if (quantity === null) errors.quantity = form.quantity ? t.badNumber : t.required
  if (form.unit === '') errors.unit = t.required
  if (form.id === '') errors.id = t.required
  if (Object.keys(errors).length > 0) return { ok: false, form, errors }
  return {
    ok: true,
    input: {
      id: form.id,
      productId: form.productId,
      areaCodes: form.areaCodes,
      harvestedFrom: from!,
      harvestedTo: to!,
      quantity: quantity!,
      unit: form.unit,
      note: form.note.trim() === '' ? null : form.note,
    },
  }
}

/** Which field a createLot refusal is about, so it is shown beside that field. */
export function fieldOfRefusal(message: string): LotField {
  if (/^lot .+ already exists|characters|set 82|"\."/.test(message)) return 'id'
  if (/quantity/.test(message)) return 'quantity'
  if (/^unit /.test(message)) return 'unit'
  if (/harvestedFrom|date/.test(message)) return 'harvestedFrom'
  if (/growing area/.test(message)) return 'areaCodes'
  if (/note/.test(message)) return 'note'
  return 'form'
}

/** A lot number to start from: today's Vietnamese date and three random characters (L261007-K4Q). */
export function suggestLotId(now = new Date()): string {
  const day = toVietnamLocal(now).slice(2, 10).replaceAll('-', '')
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const tail = Array.from({ length: 3 }, () => chars[randomInt(chars.length)]).join('')
  return `L${day}-${tail}`
}

/** A blank form: the harvest ending now, the lot number suggested, kilograms. */
export function blankLotForm(now = new Date()): LotForm {
  const end = toVietnamLocal(now)
  return {
    productId: '',
    areaCodes: [],
    harvestedFrom: `${end.slice(0, 10)}T00:00`,
    harvestedTo: end,
    quantity: '',
    unit: 'KGM',
    id: suggestLotId(now),
    note: '',
  }
}
