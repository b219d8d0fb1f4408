// A recalled lot's recall as an ObjectEvent with disposition `recalled` (CBV 2.0 dispositions).
//
// bizStep `holding`: CBV 2.0 defines it as segregating objects so they are not available for further
// use, which is what a recall does to the stock still in hand. `inspecting` would claim an inspection
// that a recall does not need to involve. persistentDisposition (EPCIS 2.0 §7.3.5) sets `recalled` so it
// keeps applying to later events until someone unsets it, instead of holding for this one event only.
import { instant, nameBasedId, VIETNAM_OFFSET } from './identifiers.ts'
import type { LotEventContext } from './lot-events.ts'
import { lotQuantity } from './lot-events.ts'
import type { EpcisEvent, EpcisObjectEvent } from './types.ts'

const RECALL_BIZ_STEP = 'holding'

/** The recall, unless the lot is not recalled or a recorded event already carries it. */
export function recallEvent(
  ctx: LotEventContext,
  recorded: EpcisEvent[],
  now: Date,
): EpcisObjectEvent | null {
  if (ctx.lot.disposition !== 'recalled') return null
  if (recorded.some((e) => e.disposition === 'recalled')) return null
  const event: Omit<EpcisObjectEvent, 'eventID'> = {
    type: 'ObjectEvent',
    // A lot flagged recalled without a time was recalled by the time of this export at the latest.
    eventTime: ctx.lot.recalledAt === null ? now.toISOString() : instant(ctx.lot.recalledAt),
    eventTimeZoneOffset: VIETNAM_OFFSET,
    action: 'OBSERVE',
    bizStep: RECALL_BIZ_STEP,
    disposition: 'recalled',
    persistentDisposition: { set: ['recalled'] },
    quantityList: [lotQuantity(ctx)],
    ...(ctx.lot.recallReason === null ? {} : { 'zt:recallReason': ctx.lot.recallReason }),
  }
  // Named without the export time, so the same recall keeps one eventID across exports.
  const name = ctx.lot.recalledAt === null ? { ...event, eventTime: null } : event
  return {
    eventID: nameBasedId(`${ctx.base}/recall#${JSON.stringify(name)}`),
    ...event,
    recordTime: ctx.recordTime,
  }
}
