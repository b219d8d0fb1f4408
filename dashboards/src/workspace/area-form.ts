// The growing-area form as posted (every field a string, kept as typed so a refused form comes back
// unchanged) and its check: the registry's AreaInput, or Vietnamese problems beside each field. The
// registry (registerArea) still checks what it checks; this only says it in the cooperative's words first.
import {
  type AreaView,
  CERTIFICATION_SCHEMES,
  type Certification,
  type CertificationScheme,
  checkPolygonText,
  isPresetId,
  type Lang,
  ZONE_CODE_PATTERN,
} from '@zonetrace/contracts'
import type { AreaInput } from '@zonetrace/db'
import { type AreaField, areasText } from './pages/areas-text.ts'

export interface CertRow {
  scheme: string
  certificateNo: string
  issuer: string
  validFrom: string
  validTo: string
}

export interface AreaForm {
  code: string
  name: string
  crop: string
  areaHa: string
  communeCode: string
  preset: string
  polygon: string
  certs: CertRow[]
  /**
   * Published as open data (the checkbox). Null when the post did not carry the checkbox at all (a page
   * from before it existed, queued offline): the area then keeps what it had, rather than turning private
   * because an absent checkbox reads as unticked.
   */
  public: boolean | null
}

export type AreaErrors = Partial<Record<AreaField | 'form', string>>

/** Rows of certification inputs the form offers: the area's own and at least two, and one spare. */
export const MAX_CERT_ROWS = 8
export const CERT_KEYS = ['scheme', 'certificateNo', 'issuer', 'validFrom', 'validTo'] as const
export const certName = (i: number, key: (typeof CERT_KEYS)[number]) => `cert${i}_${key}`

const EMPTY_CERT: CertRow = { scheme: '', certificateNo: '', issuer: '', validFrom: '', validTo: '' }

export const BLANK_AREA: AreaForm = {
  code: '',
  name: '',
  crop: '',
  areaHa: '',
  communeCode: '',
  preset: '',
  polygon: '',
  certs: [],
  public: true,
}

/** The hidden field that says the form offered the checkbox, so its absence means "unticked". */
export const PUBLIC_OFFERED = 'publicOffered'

const text = (v: unknown) => (typeof v === 'string' ? v : '')

export function areaFormOf(body: Record<string, unknown>): AreaForm {
  const certs: CertRow[] = []
  for (let i = 0; i < MAX_CERT_ROWS; i++) {
    const row = Object.fromEntries(
      CERT_KEYS.map((k) => [k, text(body[certName(i, k)]).trim()]),
    ) as unknown as CertRow
    certs.push(row)
  }
  return {
    code: text(body.code).trim(),
    name: text(body.name).trim(),
    crop: text(body.crop).trim(),
    areaHa: text(body.areaHa).trim(),
    communeCode: text(body.communeCode).trim(),
    preset: text(body.preset).trim(),
    polygon: text(body.polygon),
    certs: certs.filter((c) => CERT_KEYS.some((k) => c[k] !== '')),
    public: body[PUBLIC_OFFERED] === undefined ? null : body.public !== undefined,
  }
}

export function areaFormFrom(area: AreaView): AreaForm {
  return {
    code: area.code,
    name: area.name,
    crop: area.crop,
    areaHa: area.areaHa == null ? '' : String(area.areaHa),
    communeCode: area.commune.code ?? area.commune.registeredCode,
    preset: area.preset ?? '',
    polygon: area.polygon ? JSON.stringify(area.polygon) : '',
    certs: area.certifications.map((c) => ({
      scheme: c.scheme,
      certificateNo: c.certificateNo,
      issuer: c.issuer ?? '',
      validFrom: c.validFrom ?? '',
      validTo: c.validTo,
    })),
    public: area.public,
  }
}

/** The rows the form shows: what was typed, padded with empty rows to at least two and one spare. */
export function certRows(form: AreaForm): CertRow[] {
  const n = Math.min(MAX_CERT_ROWS, Math.max(2, form.certs.length + 1))
  return Array.from({ length: n }, (_, i) => form.certs[i] ?? EMPTY_CERT)
}

const CODE = new RegExp(ZONE_CODE_PATTERN)
const DECIMAL = /^\d{1,7}([.,]\d{1,4})?$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const isDate = (d: string) => DATE.test(d) && !Number.isNaN(Date.parse(d))

export type AreaCheck = { ok: true; input: AreaInput } | { ok: false; form: AreaForm; errors: AreaErrors }

/**
 * `communes` are the codes the select offers. `stored` is the edited area as it was: its profile is kept, and
 * an outline and hectares both left as they were are not judged against each other again, so an area
 * registered before this check (or by an officer) can still have its certificate renewed.
 */
export function checkAreaForm(
  lang: Lang,
  form: AreaForm,
  communes: ReadonlySet<string>,
  stored?: { kind: string; form: AreaForm },
): AreaCheck {
  const kind = stored?.kind
  const t = areasText(lang).err
  const errors: AreaErrors = {}
  const required = (field: AreaField, max: number) => {
    const v = form[field as keyof AreaForm] as string
    if (v === '') errors[field] = t.required
    else if (v.length > max) errors[field] = t.tooLong(max)
  }
  required('code', 128)
  if (!errors.code && !CODE.test(form.code)) errors.code = t.code
  required('name', 200)
  required('crop', 64)
  let areaHa: number | null = null
  if (form.areaHa !== '') {
    areaHa = DECIMAL.test(form.areaHa) ? Number(form.areaHa.replace(',', '.')) : Number.NaN
    if (!(areaHa > 0 && areaHa <= 1e6)) errors.areaHa = t.areaHa
  }
  if (!communes.has(form.communeCode)) errors.communeCode = t.commune
  if (form.preset !== '' && form.preset !== 'none' && !isPresetId(form.preset)) errors.preset = t.preset
  const certifications: Certification[] = []
  form.certs.forEach((c, i) => {
    const n = i + 1
    const problem = !(CERTIFICATION_SCHEMES as readonly string[]).includes(c.scheme)
      ? t.certScheme(n)
      : c.certificateNo === '' || c.certificateNo.length > 64
        ? t.certNo(n)
        : c.validTo === ''
          ? t.certTo(n)
          : !isDate(c.validTo) || (c.validFrom !== '' && !isDate(c.validFrom))
            ? t.certDate(n)
            : c.validFrom !== '' && c.validFrom > c.validTo
              ? t.certOrder(n)
              : null
    if (problem) errors.certs ??= problem
    else
      certifications.push({
        scheme: c.scheme as CertificationScheme,
        certificateNo: c.certificateNo,
        issuer: c.issuer === '' ? null : c.issuer.slice(0, 200),
        validFrom: c.validFrom === '' ? null : c.validFrom,
        validTo: c.validTo,
      })
  })
  const untouched =
    stored !== undefined &&
    stored.form.polygon.trim() === form.polygon.trim() &&
    stored.form.areaHa === form.areaHa
  const outline = checkPolygonText(form.polygon, errors.areaHa || untouched ? null : areaHa)
  if (outline.problems.length > 0) errors.polygon = outline.problems.map((p) => p[lang]).join(' ')
  if (Object.keys(errors).length > 0) return { ok: false, form, errors }
  return {
    ok: true,
    input: {
      code: form.code,
      name: form.name,
      crop: form.crop,
      ...(kind ? { kind } : {}),
      areaHa,
      polygon: outline.polygon,
      communeCode: form.communeCode,
      preset: form.preset === '' || form.preset === 'none' ? null : form.preset,
      certifications,
      ...(form.public === null ? {} : { public: form.public }),
    },
  }
}
