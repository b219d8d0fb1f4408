// The audit log: one row per change a person made, with who, what, on which record and from where.
import type { AuditEntry } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'

type Queryable = Pick<Database, 'query'>

export type AuditRecord = Omit<AuditEntry, 'id' | 'at'>

const columns: Columns<AuditEntry> = {
  id: 'id',
  at: 'at',
  userId: 'user_id',
  actor: 'actor',
  action: 'action',
  target: 'target',
  detail: 'detail',
  address: 'address',
}

export async function writeAudit(db: Queryable, entry: AuditRecord): Promise<void> {
  await db.query(
    `insert into audit_log (user_id, actor, action, target, detail, address)
     values ($1, $2, $3, $4, $5::jsonb, $6)`,
    [
      entry.userId,
      entry.actor,
      entry.action,
      entry.target,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
      entry.address,
    ],
  )
}

export interface AuditFilter {
  limit: number
  /** Entries older than this id: the next page. */
  before?: number
  userId?: string
}

/** Newest first. */
export async function listAudit(db: Queryable, filter: AuditFilter): Promise<AuditEntry[]> {
  const params: unknown[] = []
  const where: string[] = []
  if (filter.before !== undefined) {
    params.push(filter.before)
    where.push(`id < $${params.length}`)
  }
  if (filter.userId !== undefined) {
    params.push(filter.userId)
    where.push(`user_id = $${params.length}`)
  }
  params.push(filter.limit)
  const rows = await db.query<WithInstants<AuditEntry, 'at'>>(
    `select ${selectList(columns)} from audit_log ${where.length ? `where ${where.join(' and ')}` : ''}
      order by id desc limit $${params.length}`,
    params,
  )
  return rows.map((row) => withIsoInstants(row, ['at']))
}
