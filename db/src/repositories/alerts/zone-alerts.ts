// How many water-quality alerts the growing areas had in a window: the figure lot evidence and the consumer
// page show. Historical alerts count (the water was out of limits, even if nobody was paged at the time);
// offline alerts do not (a silent gateway says nothing about the water).
import type { Database } from '../../database.ts'

export async function countZoneAlerts(
  db: Pick<Database, 'query'>,
  zoneCodes: string[],
  from: Date,
  to: Date,
): Promise<number> {
  if (zoneCodes.length === 0) return 0
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from alerts
      where zone_code = any($1::text[]) and kind <> 'offline' and opened_at >= $2 and opened_at < $3`,
    [zoneCodes, from, to],
  )
  return row?.n ?? 0
}
