// The GTIN of every lot a lot's transformations name, so the EPCIS export can identify the other lots.
import type { LotEvent } from '@zonetrace/contracts'
import type { Database } from '@zonetrace/db'

export async function lotGtinsOf(db: Database, events: LotEvent[]): Promise<Record<string, string>> {
  const ids = [...new Set(events.flatMap((e) => [...e.inputLots, ...e.outputLots]))]
  if (ids.length === 0) return {}
  const rows = await db.query<{ id: string; gtin: string }>(
    `select l.id, p.gtin from lots l join products p on p.id = l.product_id where l.id = any($1::text[])`,
    [ids],
  )
  return Object.fromEntries(rows.map((r) => [r.id, r.gtin]))
}
