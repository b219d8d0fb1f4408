// EPCIS events of a lot: recording inspection, packing, shipping and receiving, and reading a lot's whole
// history including the splits and merges that made or consumed it.
import { randomUUID } from 'node:crypto'
import {
  LOT_BIZ_STEPS,
  LOT_DISPOSITIONS,
  type LotBizStep,
  type LotDisposition,
  type LotEvent,
} from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { type Columns, selectList, type WithInstants } from '../columns.ts'
import type { Actor } from './actor.ts'
import { requireLot } from './lots.ts'

export interface LotEventInput {
  bizStep: LotBizStep
  time: Date
  /** ±hh:mm; Vietnam is +07:00 all year. */
  timeZoneOffset?: string
  place?: string | null
  disposition?: LotDisposition | null
  note?: string | null
}

const OFFSET = /^[+-](?:0\d|1[0-4]):[0-5]\d$/
/** Events may be recorded a little ahead of the server clock (phone clocks drift), never days ahead. */
const MAX_FUTURE_MS = 10 * 60_000

export async function addLotEvent(
  db: Database,
  actor: Actor,
  lotId: string,
  input: LotEventInput,
): Promise<LotEvent> {
  await requireLot(db, actor, lotId)
  if (!(LOT_BIZ_STEPS as readonly string[]).includes(input.bizStep)) {
    throw new RegistryError(`bizStep must be one of ${LOT_BIZ_STEPS.join(', ')}`, 'invalid')
  }
  if (input.disposition != null && !(LOT_DISPOSITIONS as readonly string[]).includes(input.disposition)) {
    throw new RegistryError(`disposition must be one of ${LOT_DISPOSITIONS.join(', ')}`, 'invalid')
  }
  if (input.disposition === 'recalled') {
    throw new RegistryError(
      'a recall goes through POST /lots/{lotId}/recall, which also reaches derived lots',
      'invalid',
    )
  }
  if (Number.isNaN(input.time.getTime())) throw new RegistryError('time is not a valid instant', 'invalid')
  if (input.time.getTime() > Date.now() + MAX_FUTURE_MS)
    throw new RegistryError('time is in the future', 'invalid')
  const offset = input.timeZoneOffset ?? '+07:00'
  if (!OFFSET.test(offset)) throw new RegistryError('timeZoneOffset must look like +07:00', 'invalid')
  const id = randomUUID()
  await db.query(
    `insert into lot_events (id, lot_id, event_type, biz_step, event_time, time_zone_offset, place, disposition, note, recorded_by)
     values ($1, $2, 'ObjectEvent', $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      lotId,
      input.bizStep,
      input.time,
      offset,
      input.place ?? null,
      input.disposition ?? null,
      input.note ?? null,
      actor.subject,
    ],
  )
  if (input.disposition) {
    await db.query(
      `update lots set disposition = $2, updated_at = now() where id = $1 and disposition <> 'recalled'`,
      [lotId, input.disposition],
    )
  }
  const events = await lotEvents(db, lotId)
  return events.find((e) => e.id === id)!
}

/** Every field of a lot event, from `lot_events e` (ADR 0009: one column list per resource). */
const eventColumns: Columns<LotEvent> = {
  id: 'e.id',
  type: 'e.event_type',
  bizStep: 'e.biz_step',
  time: 'e.event_time',
  timeZoneOffset: 'e.time_zone_offset',
  place: 'e.place',
  disposition: 'e.disposition',
  note: 'e.note',
  inputLots: `coalesce((select array_agg(distinct g.parent_lot_id) from lot_lineage g where g.event_id = e.id), '{}')`,
  outputLots: `coalesce((select array_agg(distinct g.child_lot_id) from lot_lineage g where g.event_id = e.id), '{}')`,
}

/** Every event of the lot, oldest first: its own ObjectEvents and the transformations on either side of it. */
export async function lotEvents(db: Pick<Database, 'query'>, lotId: string): Promise<LotEvent[]> {
  const rows = await db.query<WithInstants<LotEvent, 'time'>>(
    `select ${selectList(eventColumns)}
       from lot_events e
      where e.lot_id = $1
         or e.id in (select g.event_id from lot_lineage g where g.parent_lot_id = $1 or g.child_lot_id = $1)
      order by e.event_time, e.created_at`,
    [lotId],
  )
  return rows.map((r) => ({
    ...r,
    id: String(r.id),
    time: r.time.toISOString(),
    inputLots: [...r.inputLots].sort(),
    outputLots: [...r.outputLots].sort(),
  }))
}
