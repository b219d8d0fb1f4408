// The broker's logger, found from its database handle, for the writers that are handed no logger of their
// own: the alert store (rules/alert-store.ts) is called with the database only, and reports the rows it had
// to isolate here. Set when the broker creates its reading writer on that database.
import type { WarnLog } from '@zonetrace/db'

const logs = new WeakMap<object, WarnLog>()

export function noteWriterLog(db: object, log: WarnLog): void {
  if (!logs.has(db)) logs.set(db, log)
}

export function writerLog(db: object): WarnLog | undefined {
  return logs.get(db)
}
