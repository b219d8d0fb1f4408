// EPCIS events of a lot: recording inspection, packing, shipping and receiving, and reading a lot's whole
// history including the splits and merges that made or consumed it.
import { randomUUID } from 'node:crypto'
import {
  LOT_BIZ_STEPS,
  LOT_DISPOSITIONS,
  type Lot,
  type LotBizStep,
  type LotDisposition,
  type LotEvent,
} from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { vietnamDate } from '../../vietnam-day.ts'
import { type Columns, selectList, type WithInstants } from '../columns.ts'
import type { Actor } from './actor.ts'
import { requireLot } from './lots.ts'

export interface LotEventInput {
  /** A client-made UUID: the same id sent again records the event once (see recordLotEvent). */
  id?: string
  bizStep: LotBizStep
  time: Date
  /** ±hh:mm; Vietnam is +07:00 all year. */
  timeZoneOffset?: string
  place?: string | null
  disposition?: LotDisposition | null
  note?: string | null
}

const OFFSET = /^[+-](?:0\d|1[0-4]):[0-5]\d$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** Events may be recorded a little ahead of the server clock (phone clocks drift), never days ahead. */
const MAX_FUTURE_MS = 10 * 60_000

/** Records the event and returns it; see recordLotEvent for a client-made id sent twice. */
export async function addLotEvent(
  db: Database,
  actor: Actor,
  lotId: string,
  input: LotEventInput,
): Promise<LotEvent> {
  return (await recordLotEvent(db, actor, lotId, input)).event
}

/**
 * Records the event unless an event with the client's id is already stored: then it answers that event with
 * `created: false` (a phone resending after a lost answer), or refuses when that id holds another lot's or
 * other content (`event_id_reused`). A lot that was recalled or consumed refuses all but inspecting, with the
 * reason in the message and as `lot_recalled` / `lot_consumed`, checked after the replay so a resend of an
 * event recorded before the recall still answers as it did.
 */
export async function recordLotEvent(
  db: Database,
  actor: Actor,
  lotId: string,
  input: LotEventInput,
): Promise<{ event: LotEvent; created: boolean }> {
  const lot = await requireLot(db, actor, lotId)
  const row = eventRow(lotId, input)
  if (input.id !== undefined) {
    const replay = await storedReplay(db, row)
    if (replay) return { event: replay, created: false }
  }
  await refuseOnLotState(db, lot, input.bizStep)
  const inserted = await db.query(
    `insert into lot_events (id, lot_id, event_type, biz_step, event_time, time_zone_offset, place, disposition, note, recorded_by)
     values ($1, $2, 'ObjectEvent', $3, $4, $5, $6, $7, $8, $9)
     on conflict (id) do nothing returning id`,
    [row.id, lotId, row.bizStep, row.time, row.offset, row.place, row.disposition, row.note, actor.subject],
  )
  if (inserted.length === 0) {
    // Another request with the same id won the race between our look-up and insert: answer as a resend.
    const replay = await storedReplay(db, row)
    if (replay) return { event: replay, created: false }
    throw new RegistryError(`event ${row.id} could not be recorded; send it again`, 'conflict')
  }
  if (input.disposition) {
    await db.query(
      `update lots set disposition = $2, updated_at = now() where id = $1 and disposition <> 'recalled'`,
      [lotId, input.disposition],
    )
  }
  const events = await lotEvents(db, lotId)
  return { event: events.find((e) => e.id === row.id)!, created: true }
}

interface EventRow {
  id: string
  lotId: string
  bizStep: LotBizStep
  time: Date
  offset: string
  place: string | null
  disposition: LotDisposition | null
  note: string | null
}

/** The checked row an input stands for, with a fresh id unless the client gave one. */
function eventRow(lotId: string, input: LotEventInput): EventRow {
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
  const id = input.id === undefined ? randomUUID() : input.id.toLowerCase()
  if (!UUID.test(id)) throw new RegistryError('id must be a UUID', 'invalid')
  return {
    id,
    lotId,
    bizStep: input.bizStep,
    time: input.time,
    offset,
    place: input.place ?? null,
    disposition: input.disposition ?? null,
    note: input.note ?? null,
  }
}

/** The stored event when `row.id` already holds the same event; null when the id is unused. */
async function storedReplay(db: Database, row: EventRow): Promise<LotEvent | null> {
  const [stored] = await db.query<Omit<EventRow, 'id'> & { type: string }>(
    `select lot_id as "lotId", event_type as type, biz_step as "bizStep", event_time as time,
            time_zone_offset as offset, place, disposition, note
       from lot_events where id = $1`,
    [row.id],
  )
  if (!stored) return null
  const same =
    stored.type === 'ObjectEvent' &&
    stored.lotId === row.lotId &&
    stored.bizStep === row.bizStep &&
    new Date(stored.time).getTime() === row.time.getTime() &&
    stored.offset === row.offset &&
    stored.place === row.place &&
    stored.disposition === row.disposition &&
    stored.note === row.note
  if (!same) {
    // Says nothing of what the id holds: it may be another cooperative's event.
    throw new RegistryError(
      `event id ${row.id} was already used for a different event; make a new id for a new event`,
      'conflict',
      'event_id_reused',
    )
  }
  const events = await lotEvents(db, row.lotId)
  return events.find((e) => e.id === row.id) ?? null
}

const DONE: Record<LotBizStep, string> = {
  commissioning: 'commissioned',
  inspecting: 'inspected',
  packing: 'packed',
  shipping: 'shipped',
  receiving: 'received',
}

/** Only inspecting is still recorded on a recalled lot (checking stock held back) or one split or merged away. */
async function refuseOnLotState(db: Database, lot: Lot, bizStep: LotBizStep): Promise<void> {
  if (bizStep === 'inspecting') return
  if (lot.disposition === 'recalled') {
    const on = lot.recalledAt ? ` on ${vietnamDate(Date.parse(lot.recalledAt))}` : ''
    const why = lot.recallReason ? `: ${lot.recallReason}` : ''
    throw new RegistryError(
      `lot ${lot.id} was recalled${on}${why}; it can no longer be ${DONE[bizStep]}, only inspected`,
      'conflict',
      'lot_recalled',
    )
  }
  if (lot.children.length > 0) {
    const [made] = await db.query<{ time: Date }>(
      `select min(e.event_time) as time
         from lot_lineage g join lot_events e on e.id = g.event_id where g.parent_lot_id = $1`,
      [lot.id],
    )
    const on = made?.time ? ` on ${vietnamDate(new Date(made.time).getTime())}` : ''
    throw new RegistryError(
      `lot ${lot.id} was split or merged into ${lot.children.join(', ')}${on}; record this event on those lots`,
      'conflict',
      'lot_consumed',
    )
  }
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
