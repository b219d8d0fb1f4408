// EPCIS 2.0 JSON-LD export of one lot (issue 5 §3–4): an EPCISDocument (EPCIS 2.0 §9.2 JSON/JSON-LD
// binding) holding the lot's recorded events, the split/merge TransformationEvents that consumed or
// produced it, its recall and its growing areas' sensor summary. It validates against the official
// EPCIS 2.0 JSON schema (gs1/EPCIS, draft-07; tests/fixtures/epcis-2.0-json-schema.json). Facts:
// /work/shared/domain/traceability-standards.md § EPCIS 2.0 / CBV 2.0. Pure: no I/O, no clock.
import { instant, lotClass, nameBasedId, trimBase, VIETNAM_OFFSET, zoneUri } from './identifiers.ts'
import type { LotEventContext } from './lot-events.ts'
import { lotQuantity, objectEvent, transformationEvent } from './lot-events.ts'
import { certificationInfo, lotMasterData } from './lot-master-data.ts'
import { recallEvent } from './recall-event.ts'
import { sensorEvent } from './sensor-event.ts'
import type { EpcisDocument, EpcisEvent, EpcisInput, EpcisObjectEvent } from './types.ts'
import { EPCIS_CONTEXT_URL } from './types.ts'

function contextOf(input: EpcisInput, base: string): LotEventContext {
  const { lot, product, lotGtins } = input
  return {
    base,
    lot,
    classOf: (lotId) => {
      const gtin = lotGtins[lotId] ?? (lotId === lot.id ? product.gtin : undefined)
      if (gtin === undefined) throw new RangeError(`no GTIN given for lot ${lotId} named in a lineage event`)
      return lotClass(gtin, lotId)
    },
    areaCodes: new Set([
      ...lot.areaCodes,
      ...input.areas.map((a) => a.code),
      ...(input.evidence?.areaCodes ?? []),
    ]),
    recordTime: input.now.toISOString(),
  }
}

/**
 * A lot recorded without any event that brings it into being still has a harvest: state it as the
 * commissioning at the end of the harvest window, so its lot master data is not lost.
 */
function harvestEvent(ctx: LotEventContext): EpcisObjectEvent {
  const [onlyArea] = ctx.lot.areaCodes
  const event: Omit<EpcisObjectEvent, 'eventID'> = {
    type: 'ObjectEvent',
    eventTime: instant(ctx.lot.harvestedTo),
    eventTimeZoneOffset: VIETNAM_OFFSET,
    action: 'ADD',
    bizStep: 'commissioning',
    quantityList: [lotQuantity(ctx)],
    ...(ctx.lot.areaCodes.length === 1 && onlyArea !== undefined
      ? { readPoint: { id: zoneUri(ctx.base, onlyArea) } }
      : {}),
  }
  const eventID = nameBasedId(`${ctx.base}/harvest#${JSON.stringify(event)}`)
  return { eventID, ...event, recordTime: ctx.recordTime }
}

/** ILMD belongs on the event(s) that bring the lot into being (EPCIS 2.0 §7.3.6). */
function attachMasterData(input: EpcisInput, ctx: LotEventContext, events: EpcisEvent[]): EpcisEvent[] {
  const thisClass = ctx.classOf(input.lot.id)
  const introduces = (e: EpcisEvent): boolean =>
    e.type === 'ObjectEvent'
      ? e.action === 'ADD'
      : (e.outputQuantityList ?? []).some((q) => q.epcClass === thisClass)
  // A split's ILMD applies to all its outputs; they share the parent's areas and harvest window.
  const list = events.some(introduces) ? events : [harvestEvent(ctx), ...events]
  const ilmd = lotMasterData(input.lot, input.areas)
  const certs = certificationInfo(ctx.base, input.lot, input.areas)
  return list.map((e) =>
    introduces(e) ? { ...e, ilmd, ...(certs.length === 0 ? {} : { certificationInfo: certs }) } : e,
  )
}

export function buildEpcisDocument(input: EpcisInput): EpcisDocument {
  const base = trimBase(input.baseUrl)
  const ctx = contextOf(input, base)
  const recorded = input.events.map((e) =>
    e.type === 'TransformationEvent' ? transformationEvent(ctx, e) : objectEvent(ctx, e),
  )
  const derived = [
    recallEvent(ctx, recorded, input.now),
    input.evidence === null ? null : sensorEvent(ctx, input.evidence),
  ].filter((e) => e !== null)
  const eventList = attachMasterData(input, ctx, [...recorded, ...derived]).sort(
    (a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime),
  )
  return {
    '@context': [EPCIS_CONTEXT_URL, { zt: `${base}/voc/` }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: input.now.toISOString(),
    epcisBody: { eventList },
  }
}
