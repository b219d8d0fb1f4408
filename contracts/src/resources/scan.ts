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
