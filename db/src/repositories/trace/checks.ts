import type { Database } from '../../database.ts'

export async function cooperativeExists(db: Pick<Database, 'query'>, id: string): Promise<boolean> {
  const rows = await db.query(`select 1 from cooperatives where id = $1`, [id])
  return rows.length > 0
}

/** Postgres unique_violation, from either backend. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === '23505'
}
