// TimescaleDB ships under two licences. The Apache edition (Debian's package, most managed services)
// lacks compression, continuous aggregates and policy jobs; the `timescale` (TSL) edition has them.
// Features ask here instead of trying and failing.
import type { Database } from './database.ts'

export interface Capabilities {
  timescaleVersion: string
  licence: 'timescale' | 'apache' | string
  compression: boolean
  continuousAggregates: boolean
}

export async function detectCapabilities(db: Pick<Database, 'query'>): Promise<Capabilities> {
  const [ext] = await db.query<{ extversion: string }>(
    `select extversion from pg_extension where extname = 'timescaledb'`,
  )
  if (!ext) throw new Error('the timescaledb extension is not installed in this database')
  const [lic] = await db.query<{ licence: string }>(
    `select current_setting('timescaledb.license', true) as licence`,
  )
  const licence = lic?.licence || 'apache'
  const tsl = licence === 'timescale'
  return { timescaleVersion: ext.extversion, licence, compression: tsl, continuousAggregates: tsl }
}
