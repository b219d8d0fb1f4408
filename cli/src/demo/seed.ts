// Idempotent: upserts, so every demo start re-applies the same registry without duplicating it.
import { type Database, upsertCooperative, upsertGrowingArea } from '@zonetrace/db'
import { DEMO_AREAS, DEMO_COOPERATIVES } from './seed-data.ts'

export async function seedDemoRegistry(db: Database): Promise<void> {
  for (const coop of DEMO_COOPERATIVES) await upsertCooperative(db, coop)
  for (const area of DEMO_AREAS) await upsertGrowingArea(db, area)
}
