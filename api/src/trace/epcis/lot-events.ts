// Recorded lot events as EPCIS 2.0 events (EPCIS 2.0 §7.4.2 ObjectEvent, §7.4.5 TransformationEvent).
// Lots are classes, not serialised items, so they travel in quantity lists (§7.3.3 QuantityElement) with
// the lot's UN/ECE Rec 20 unit.
import type { LotEvent, PublicLot } from '@zonetrace/contracts'
import { eventId, instant, placeRef, timeZoneOffset } from './identifiers.ts'
import type { EpcisObjectEvent, EpcisTransformationEvent, Extensions, QuantityElement } from './types.ts'

/**
 * CBV 2.0 has no "transforming" step. A split or merge gives its outputs new lot identifiers, which is
 * what CBV `commissioning` records, and GS1's own TransformationEvent example uses it; `zt:transformation`
 * keeps whether it was a split or a merge. `other` would validate too but would say nothing.
 */
const TRANSFORMATION_BIZ_STEP = 'commissioning'

const REC20 = /^[A-Z0-9]{2,3}$/

export interface LotEventContext {
  base: string
  lot: PublicLot
  /** epcClass of any lot named in an event. */
  classOf: (lotId: string) => string
  areaCodes: ReadonlySet<string>
  recordTime: string
}

/** The exported lot with its recorded quantity; its unit must be a Rec 20 code, as the schema requires. */
export function lotQuantity(ctx: LotEventContext): QuantityElement {
  const uom = ctx.lot.unit.trim().toUpperCase()
  if (!REC20.test(uom)) {
    throw new RangeError(
      `lot ${ctx.lot.id} has unit ${JSON.stringify(ctx.lot.unit)}, not a UN/ECE Rec 20 code`,
    )
  }
  return { epcClass: ctx.classOf(ctx.lot.id), quantity: ctx.lot.quantity, uom }
}

/** Other lots of a split or merge: their quantities are not in the view, so only the class is stated. */
function lineageQuantities(ctx: LotEventContext, lotIds: string[]): QuantityElement[] {
  return lotIds.map((id) => (id === ctx.lot.id ? lotQuantity(ctx) : { epcClass: ctx.classOf(id) }))
}

type Where = Pick<EpcisObjectEvent, 'readPoint' | 'bizLocation'> & Extensions

function where(ctx: LotEventContext, event: LotEvent): Where {
  if (event.place === null) return {}
  const ref = placeRef(ctx.base, event.place, ctx.areaCodes)
  // After shipping the goods are no longer at the place they were read (CBV 2.0 `shipping`), so only
  // the read point is stated.
  const out: Where =
    event.bizStep === 'shipping'
      ? { readPoint: { id: ref.id } }
      : { readPoint: { id: ref.id }, bizLocation: { id: ref.id } }
  if (ref.name !== undefined) out['zt:placeName'] = ref.name
  return out
}

function common(ctx: LotEventContext, event: LotEvent) {
  return {
    eventID: eventId(ctx.base, event.id),
    eventTime: instant(event.time),
    eventTimeZoneOffset: timeZoneOffset(event.timeZoneOffset),
    recordTime: ctx.recordTime,
  }
}

function extras(event: LotEvent): Extensions {
  return event.note === null ? {} : { 'zt:note': event.note }
}

export function objectEvent(ctx: LotEventContext, event: LotEvent): EpcisObjectEvent {
  const bizStep = event.bizStep === 'transforming' ? TRANSFORMATION_BIZ_STEP : event.bizStep
  return {
    type: 'ObjectEvent',
    ...common(ctx, event),
    // ADD marks the lot entering traceability (EPCIS 2.0 §7.4.2 action); only then may ILMD be given.
    action: bizStep === 'commissioning' ? 'ADD' : 'OBSERVE',
    bizStep,
    ...(event.disposition === null ? {} : { disposition: event.disposition }),
    quantityList: [lotQuantity(ctx)],
    ...where(ctx, event),
    ...extras(event),
  }
}

export function transformationEvent(ctx: LotEventContext, event: LotEvent): EpcisTransformationEvent {
  const ids = common(ctx, event)
  const kind = event.inputLots.length > 1 ? 'merge' : event.outputLots.length > 1 ? 'split' : null
  return {
    type: 'TransformationEvent',
    ...ids,
    // One recorded event is the whole split or merge, so it names the transformation too; the schema
    // needs one whenever a side is empty.
    transformationID: ids.eventID,
    ...(event.inputLots.length === 0 ? {} : { inputQuantityList: lineageQuantities(ctx, event.inputLots) }),
    ...(event.outputLots.length === 0
      ? {}
      : { outputQuantityList: lineageQuantities(ctx, event.outputLots) }),
    bizStep: TRANSFORMATION_BIZ_STEP,
    ...(event.disposition === null ? {} : { disposition: event.disposition }),
    ...where(ctx, event),
    ...(kind === null ? {} : { 'zt:transformation': kind }),
    ...extras(event),
  }
}
