// Scans are written in groups: whoever scans while the previous group is committing joins the next one, so
// a busy resolver commits once per group instead of once per phone (the same group commit the ingest path
// uses). An idle resolver writes each scan at once; nobody waits on a timer.
import type { ScanSummary } from '@zonetrace/contracts'
import { type ClonePolicy, type Database, recordScans, type ScanInput } from '@zonetrace/db'

const MAX_GROUP = 500

interface Pending {
  scan: ScanInput
  resolve(summary: ScanSummary): void
  reject(err: unknown): void
}

export class ScanWriter {
  readonly #db: Database
  readonly #policy: ClonePolicy
  #queue: Pending[] = []
  #writing = false

  constructor(db: Database, policy: ClonePolicy) {
    this.#db = db
    this.#policy = policy
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
          const summaries = await recordScans(
            this.#db,
            group.map((p) => p.scan),
            this.#policy,
          )
          for (const [i, p] of group.entries()) p.resolve(summaries[i]!)
        } catch (err) {
          // One failed group fails its own scans only; the next group gets a fresh try.
          for (const p of group) p.reject(err)
        }
      }
    } finally {
      this.#writing = false
    }
  }
}
