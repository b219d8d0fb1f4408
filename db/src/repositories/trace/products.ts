// OCOP products. GTINs are validated and stored as GTIN-14; the certificate runs 36 months from its issue
// date unless the certificate says otherwise (Decision 148/QĐ-TTg).
import {
  isValidGtin,
  OCOP_GROUPS,
  type OcopGroup,
  type Product,
  type PublicProduct,
  toGtin14,
} from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { type Columns, selectList } from '../columns.ts'
import { NotFoundError } from '../found.ts'
import { type Actor, assertOwns, ownedBy, ownerFor } from './actor.ts'
import { cooperativeExists, isUniqueViolation } from './checks.ts'

export interface ProductInput {
  id: string
  cooperativeId?: string
  gtin: string
  name: string
  nameEn?: string | null
  group: OcopGroup
  stars: number
  certificateNo?: string | null
  certifiedOn?: string | null
  certificateExpiresOn?: string | null
}

const OCOP_CERTIFICATE_MONTHS = 36

/** Every stored field of a product (ADR 0009: one column list per resource); `ocop` follows from stars. */
type ProductRow = Omit<Product, 'ocop'>
const productColumns: Columns<ProductRow> = {
  id: 'id',
  cooperativeId: 'cooperative_id',
  gtin: 'gtin',
  name: 'name',
  nameEn: 'name_en',
  group: 'ocop_group',
  stars: 'stars',
  certificateNo: 'certificate_no',
  certifiedOn: `to_char(certified_on, 'YYYY-MM-DD')`,
  certificateExpiresOn: `to_char(certificate_expires_on, 'YYYY-MM-DD')`,
}
const SELECT = `select ${selectList(productColumns)} from products`

export async function upsertProduct(db: Database, actor: Actor, input: ProductInput): Promise<Product> {
  const owner = ownerFor(actor, input.cooperativeId)
  if (!isValidGtin(input.gtin)) {
    throw new RegistryError(`GTIN "${input.gtin}" is not a valid GTIN-8/12/13/14 (check digit)`, 'invalid')
  }
  if (!(OCOP_GROUPS as readonly string[]).includes(input.group)) {
    throw new RegistryError(`group must be one of ${OCOP_GROUPS.join(', ')}`, 'invalid')
  }
  if (!Number.isInteger(input.stars) || input.stars < 1 || input.stars > 5) {
    throw new RegistryError('stars must be a whole number from 1 to 5', 'invalid')
  }
  if (!(await cooperativeExists(db, owner))) throw new NotFoundError(`cooperative ${owner} not found`)
  const existing = await getProductRow(db, input.id)
  if (existing) assertOwns(actor, existing.cooperativeId, `product ${input.id}`)
  const expires = input.certificateExpiresOn ?? addMonths(input.certifiedOn, OCOP_CERTIFICATE_MONTHS)
  try {
    await db.query(
      `insert into products (id, cooperative_id, gtin, name, name_en, ocop_group, stars, certificate_no,
                             certified_on, certificate_expires_on)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (id) do update set gtin = excluded.gtin, name = excluded.name, name_en = excluded.name_en,
         ocop_group = excluded.ocop_group, stars = excluded.stars, certificate_no = excluded.certificate_no,
         certified_on = excluded.certified_on, certificate_expires_on = excluded.certificate_expires_on,
         updated_at = now()`,
      [
        input.id,
        owner,
        toGtin14(input.gtin),
        input.name,
        input.nameEn ?? null,
        input.group,
        input.stars,
        input.certificateNo ?? null,
        input.certifiedOn ?? null,
        expires,
      ],
    )
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new RegistryError(`GTIN ${toGtin14(input.gtin)} already belongs to another product`, 'conflict')
    }
    throw err
  }
  return toProduct((await getProductRow(db, input.id))!)
}

export async function listProducts(db: Database, actor: Actor): Promise<Product[]> {
  const params: unknown[] = []
  const rows = await db.query<ProductRow>(
    `${SELECT} where true${ownedBy(actor, 'cooperative_id', params)} order by id`,
    params,
  )
  return rows.map(toProduct)
}

export async function getProductRow(db: Pick<Database, 'query'>, id: string): Promise<ProductRow | null> {
  const [row] = await db.query<ProductRow>(`${SELECT} where id = $1`, [id])
  return row ?? null
}

/** Only 3★ and above are OCOP products (Decision 148/QĐ-TTg). */
function toProduct(row: ProductRow): Product {
  return { ...row, ocop: row.stars >= 3 }
}

/** The product as a label scan shows it: without its owner. */
export function toView(row: ProductRow): PublicProduct {
  const { cooperativeId: _owner, ...rest } = row
  return { ...rest, ocop: row.stars >= 3 }
}

function addMonths(date: string | null | undefined, months: number): string | null {
  if (!date) return null
  const d = new Date(`${date}T00:00:00Z`)
  if (Number.isNaN(d.getTime())) throw new RegistryError(`"${date}" is not a date (YYYY-MM-DD)`, 'invalid')
  d.setUTCMonth(d.getUTCMonth() + months)
  return d.toISOString().slice(0, 10)
}
