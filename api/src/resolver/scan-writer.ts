// Scans are written in groups: whoever scans while the previous group is committing joins the next one, so
// a busy resolver commits once per group instead of once per phone (the same group commit the ingest path
// uses). An idle resolver writes each scan at once; nobody waits on a timer.
//
// A group the database refuses for its data (a NUL in a serial taken from the URL, a coordinate out of
// range) does not fail every phone in it: the group is split until the refused scan stands alone, which is
// written again with its texts escaped and its coordinates dropped, and only if that is refused too does
// that one scan fail. Counted in zonetrace_writer_rows_isolated_total{writer="scans"}.
import type { ScanSummary } from '@zonetrace/contracts'
import {
  type ClonePolicy,
  type Database,
  isDataRefusal,
  isolateRows,
  recordScans,
  registerIsolationMetrics,
  reportIsolation,
  type ScanInput,
  safeText,
  type WarnLog,
} from '@zonetrace/db'
import { register } from 'prom-client'

const MAX_GROUP = 500

interface Pending {
  scan: ScanInput
  resolve(summary: ScanSummary): void
  reject(err: unknown): void
}

export class ScanWriter {
  readonly #db: Database
  readonly #policy: ClonePolicy
  readonly #log: WarnLog | undefined
  #queue: Pending[] = []
  #writing = false

  /** `log` hears of scans the database refused (counts and SQLSTATEs, never the scan). */
  constructor(db: Database, policy: ClonePolicy, log?: WarnLog) {
    this.#db = db
    this.#policy = policy
    this.#log = log
    registerIsolationMetrics(register)
  }

  record(scan: ScanInput): Promise<ScanSummary> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ scan, resolve, reject })
      if (!this.#writing) void this.#drain()
    })
  }

  async #drain(): Promise<void> {
    this.#writing = true
    try {
      while (this.#queue.length > 0) {
        const group = this.#queue.splice(0, MAX_GROUP)
        try {
          await this.#write(group)
        } catch (err) {
          // One failed group fails its own scans only; the next group gets a fresh try.
          for (const p of group) p.reject(err)
        }
      }
    } finally {
      this.#writing = false
    }
  }

  /** Resolves each scan of the group; throws (nobody resolved) when the group as a whole failed. */
  async #write(group: Pending[]): Promise<void> {
    const record = (scans: ScanInput[]) => recordScans(this.#db, scans, this.#policy)
    let summaries: ScanSummary[]
    try {
      summaries = await record(group.map((p) => p.scan))
    } catch (err) {
      if (!isDataRefusal(err)) throw err
      return this.#writeAround(group, err)
    }
    for (const [i, p] of group.entries()) p.resolve(summaries[i]!)
  }

  async #writeAround(group: Pending[], cause: unknown): Promise<void> {
    const iso = await isolateRows(group, {
      cause,
      write: async (some) => {
        const summaries = await recordScans(
          this.#db,
          some.map((p) => p.scan),
          this.#policy,
        )
        for (const [i, p] of some.entries()) p.resolve(summaries[i]!)
      },
      safeForm: (p) => ({ ...p, scan: safeScan(p.scan) }),
    })
    reportIsolation(this.#log, 'scans', iso)
    for (const p of iso.refused) p.reject(new Error('scan refused by the database'))
    // An outage midway: the scans not written fail as a failed group does.
    for (const p of iso.left) p.reject(iso.error)
  }
}

/** The scan with its texts escaped (NUL, lone surrogates) and coordinates that float4 cannot hold dropped. */
function safeScan(s: ScanInput): ScanInput {
  const coordinate = (n: number | null) => (n !== null && Number.isFinite(n) && Math.abs(n) <= 180 ? n : null)
  const lat = coordinate(s.lat)
  const lon = coordinate(s.lon)
  const text = (t: string | null) => (t === null ? null : safeText(t, 256))
  return {
    serial: safeText(s.serial),
    lotId: safeText(s.lotId),
    lat: lat !== null && lon !== null ? lat : null,
    lon: lat !== null && lon !== null ? lon : null,
    region: text(s.region),
    uaHash: text(s.uaHash),
    verdict: safeText(s.verdict),
  }
}
