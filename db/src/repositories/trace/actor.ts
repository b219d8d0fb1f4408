// Who is acting on the traceability registry, and the one place that decides what they may see and touch:
// a cooperative reads and writes only its own records; officers and admins read everything; admins and
// officers may write for any cooperative (officers register on behalf of cooperatives in the field).
// Every repository in this folder takes an Actor and goes through these two functions.
import { RegistryError } from '../../errors.ts'
import { NotFoundError } from '../found.ts'

export interface Actor {
  /** Null for officers and admins: no cooperative restriction. */
  cooperativeId: string | null
  /** Who, for the record (the token subject). */
  subject: string | null
}

export const ANY_COOPERATIVE: Actor = Object.freeze({ cooperativeId: null, subject: null })

/**
 * SQL that limits a query to the actor's rows: `and <column> = $n` for a cooperative, nothing otherwise.
 * The parameter is appended to params.
 */
export function ownedBy(actor: Actor, column: string, params: unknown[]): string {
  if (actor.cooperativeId === null) return ''
  params.push(actor.cooperativeId)
  return ` and ${column} = $${params.length}`
}

/**
 * Refuses a write on a record of another cooperative. A foreign record answers exactly like a missing one,
 * so a cooperative cannot probe which lot or product ids exist elsewhere.
 */
export function assertOwns(actor: Actor, ownerId: string | null | undefined, what: string): void {
  const missing = ownerId === undefined || ownerId === null
  if (missing || (actor.cooperativeId !== null && actor.cooperativeId !== ownerId)) {
    throw new NotFoundError(`${what} not found`)
  }
}

/** The cooperative a new record belongs to: a cooperative's own, or the one an officer names. */
export function ownerFor(actor: Actor, requested: string | undefined): string {
  if (actor.cooperativeId !== null) {
    if (requested !== undefined && requested !== actor.cooperativeId) {
      throw new RegistryError('a cooperative can only register records of its own', 'invalid')
    }
    return actor.cooperativeId
  }
  if (requested === undefined) throw new RegistryError('cooperativeId is required', 'invalid')
  return requested
}
