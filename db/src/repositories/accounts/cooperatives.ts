// Registering a cooperative (HTX): what an admin does before its first account can be made, so a new
// cooperative goes from nothing to its own workspace in the console alone.
import { PLAIN_ID_PATTERN } from '@zonetrace/contracts'
import { resolveCommune } from '../../admin-units.ts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'

export interface CooperativeBody {
  id: string
  name: string
  /** 5-digit commune code, before or after the July 2025 reform; optional. */
  communeCode?: string | null
}

const ID = new RegExp(PLAIN_ID_PATTERN)

/** Creates the cooperative; refuses a taken id, an id that is not plain ASCII, or an unknown commune. */
export async function createCooperative(
  db: Pick<Database, 'query'>,
  body: CooperativeBody,
): Promise<{ id: string; name: string }> {
  const id = body.id.trim()
  const name = body.name.trim()
  if (!ID.test(id) || id.length > 64)
    throw new RegistryError('the id may hold only letters, digits, ".", "_" and "-" (at most 64)', 'invalid')
  if (name.length === 0 || name.length > 200)
    throw new RegistryError('the name must be 1 to 200 characters', 'invalid')
  const commune = body.communeCode?.trim() || null
  if (commune && (!/^\d{5}$/.test(commune) || (await resolveCommune(db, commune)).length === 0))
    throw new RegistryError(`commune code "${commune}" is not a known commune`, 'invalid')
  const rows = await db.query<{ id: string }>(
    'insert into cooperatives (id, name, commune_code) values ($1, $2, $3) on conflict (id) do nothing returning id',
    [id, name, commune],
  )
  if (rows.length === 0) throw new RegistryError(`a cooperative with id "${id}" already exists`, 'conflict')
  return { id, name }
}
