// Label scans, once: the tally a scan shows (the consumer page, the JSON resolver) and the report the
// cooperative reads about its lot's labels (GET /lots/{lotId}/scans).
import { type Static, Type } from 'typebox'
import { CLONE_FLAGS } from '../trace.ts'
import { DateTime, Nullable } from './common.ts'

/** A label's scans so far, as the scan being answered sees them. */
export const ScanSummary = Type.Object({
  count: Type.Integer({ description: 'Scans of the label, this one included' }),
  firstAt: Nullable(DateTime, { description: 'The first scan' }),
  flag: Nullable(Type.Enum(CLONE_FLAGS), { description: 'Why the label looks copied, if it does' }),
})
export type ScanSummary = Static<typeof ScanSummary>

/** A serial flagged as a likely copy. */
export const FlaggedLabel = Type.Object({
  serial: Type.String(),
  flag: Type.String({ description: 'too_many_scans or impossible_travel' }),
  flaggedAt: DateTime,
  scans: Type.Integer(),
})
export type FlaggedLabel = Static<typeof FlaggedLabel>

/** How many of a lot's labels were issued and scanned, and which look copied (newest flag first). */
export const LotScanReport = Type.Object({
  issued: Type.Integer(),
  scanned: Type.Integer(),
  scans: Type.Integer(),
  flagged: Type.Array(FlaggedLabel),
})
export type LotScanReport = Static<typeof LotScanReport>

/** A flagged serial among all the cooperative's lots (GET /labels/flagged). */
export const FlaggedSerial = Type.Object({
  ...FlaggedLabel.properties,
  lotId: Type.String(),
  productId: Type.String(),
})
export type FlaggedSerial = Static<typeof FlaggedSerial>

/**
 * Where a cooperative's labels were scanned (GET /scans/regions): counts per region, and positions rounded
 * to 0.1° (about 11 km) for a map; an exact position is never stored nor shown.
 */
export const ScanRegions = Type.Object({
  total: Type.Integer({ description: 'Scans of the cooperative’s labels' }),
  regions: Type.Array(
    Type.Object({
      region: Nullable(Type.String(), { description: 'Null for scans with no region' }),
      scans: Type.Integer(),
      lastAt: DateTime,
    }),
  ),
  cells: Type.Array(
    Type.Object({
      lat: Type.Number({ description: 'Rounded to 0.1°' }),
      lon: Type.Number({ description: 'Rounded to 0.1°' }),
      scans: Type.Integer(),
    }),
  ),
})
export type ScanRegions = Static<typeof ScanRegions>
