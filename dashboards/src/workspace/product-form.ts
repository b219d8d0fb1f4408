// The product form as posted (strings kept as typed) and its check: the registry's ProductInput or
// Vietnamese problems beside each field. upsertProduct still checks what it checks; the GTIN's problem is
// worded by gtinProblem, the function the <gtin-check> island runs as the person types.
import { randomBytes } from 'node:crypto'
import {
  gtinProblem,
  type Lang,
  normaliseGtin,
  OCOP_GROUPS,
  type OcopGroup,
  type Product,
} from '@zonetrace/contracts'
import type { ProductInput } from '@zonetrace/db'
import { type ProductField, productsText } from './pages/products-text.ts'

export type ProductForm = Record<ProductField, string>
export type ProductErrors = Partial<Record<ProductField | 'form', string>>

export const PRODUCT_FIELDS: ProductField[] = [
  'name',
  'nameEn',
  'group',
  'stars',
  'gtin',
  'certificateNo',
  'certifiedOn',
  'certificateExpiresOn',
]

export const BLANK_PRODUCT: ProductForm = Object.fromEntries(
  PRODUCT_FIELDS.map((f) => [f, '']),
) as ProductForm

export function productFormOf(body: Record<string, unknown>): ProductForm {
  return Object.fromEntries(
    PRODUCT_FIELDS.map((f) => [f, typeof body[f] === 'string' ? (body[f] as string).trim() : '']),
  ) as ProductForm
}

export function productFormFrom(p: Omit<Product, 'ocop'>): ProductForm {
  return {
    name: p.name,
    nameEn: p.nameEn ?? '',
    group: p.group,
    stars: String(p.stars),
    gtin: p.gtin,
    certificateNo: p.certificateNo ?? '',
    certifiedOn: p.certifiedOn ?? '',
    certificateExpiresOn: p.certificateExpiresOn ?? '',
  }
}

/**
 * A new product's id: readable from its name (without diacritics) and unique by a random tail. The person
 * never types it; it only has to stay the same when the name or GTIN changes.
 */
export function newProductId(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  return `${slug || 'san-pham'}-${randomBytes(3).toString('hex')}`
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const isDate = (d: string) => DATE.test(d) && !Number.isNaN(Date.parse(d))

export type ProductCheck =
  | { ok: true; input: Omit<ProductInput, 'id'> }
  | { ok: false; form: ProductForm; errors: ProductErrors }

export function checkProductForm(lang: Lang, form: ProductForm): ProductCheck {
  const t = productsText(lang).err
  const errors: ProductErrors = {}
  if (form.name === '') errors.name = t.required
  else if (form.name.length > 200) errors.name = t.tooLong(200)
  if (form.nameEn.length > 200) errors.nameEn = t.tooLong(200)
  if (!(OCOP_GROUPS as readonly string[]).includes(form.group)) errors.group = t.group
  if (!/^[1-5]$/.test(form.stars)) errors.stars = t.stars
  const gtin = gtinProblem(form.gtin)
  if (gtin) errors.gtin = gtin[lang]
  if (form.certificateNo.length > 64) errors.certificateNo = t.tooLong(64)
  for (const f of ['certifiedOn', 'certificateExpiresOn'] as const) {
    if (form[f] !== '' && !isDate(form[f])) errors[f] = t.date
  }
  if (!errors.certifiedOn && !errors.certificateExpiresOn && form.certifiedOn !== '') {
    if (form.certificateExpiresOn !== '' && form.certificateExpiresOn <= form.certifiedOn) {
      errors.certificateExpiresOn = t.order
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, form, errors }
  return {
    ok: true,
    input: {
      gtin: normaliseGtin(form.gtin),
      name: form.name,
      nameEn: form.nameEn === '' ? null : form.nameEn,
      group: form.group as OcopGroup,
      stars: Number(form.stars),
      certificateNo: form.certificateNo === '' ? null : form.certificateNo,
      certifiedOn: form.certifiedOn === '' ? null : form.certifiedOn,
      certificateExpiresOn: form.certificateExpiresOn === '' ? null : form.certificateExpiresOn,
    },
  }
}
