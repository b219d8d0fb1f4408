// The workspace's date and time inputs speak Vietnam time (UTC+7 all year): a datetime-local value typed on
// a phone is read as +07:00 whatever the server's or the phone's own zone, and instants are shown back the same way.

const OFFSET_MS = 7 * 3_600_000
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/** A `datetime-local` value ('YYYY-MM-DDTHH:mm') read as Vietnam time, or null when it is not a real time. */
export function fromVietnamLocal(value: string): Date | null {
  const m = LOCAL.exec(value.trim())
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[]
  const utc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!)
  if (Number.isNaN(utc)) return null
  // Date.UTC rolls 30 February into March and 25:00 into the next day; a real time survives the round trip.
  const back = new Date(utc).toISOString()
  if (back.slice(0, 16) !== `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`) return null
  return new Date(utc - OFFSET_MS)
}

/** An instant as a `datetime-local` value in Vietnam time, to the minute. */
export function toVietnamLocal(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime()
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16)
}
