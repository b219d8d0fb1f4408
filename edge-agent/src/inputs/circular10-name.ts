// File names and times of Circular 10/2021/TT-BTNMT station files: `STATION_YYYYMMDDhhmmss.txt`, times in
// the station's local time. A station name may itself hold underscores (province_facility_station is
// common), so the time is what follows the LAST underscore.

/** Vietnam keeps UTC+7 all year, with no daylight saving. */
export const VIETNAM_UTC_OFFSET_HOURS = 7

/** Names the watcher picks up; anything else in the folder (temp files, notes) is left alone. */
export const CIRCULAR10_NAME_PATTERN = /^([^.].*)_(\d{14})\.txt$/i

type Circular10Name = { ok: true; station: string; fileTime: number } | { ok: false; reason: string }

export function parseCircular10Name(name: string, utcOffsetHours = VIETNAM_UTC_OFFSET_HOURS): Circular10Name {
  const m = CIRCULAR10_NAME_PATTERN.exec(name)
  if (!m) return { ok: false, reason: `file name "${name}" is not STATION_YYYYMMDDhhmmss.txt` }
  const fileTime = parseStationTime(m[2]!, utcOffsetHours)
  if (fileTime === undefined) {
    return { ok: false, reason: `file name "${name}" holds no valid time (YYYYMMDDhhmmss)` }
  }
  return { ok: true, station: m[1]!, fileTime }
}

/** Milliseconds since the epoch of a local `YYYYMMDDhhmmss`, or undefined when it is not a real instant. */
export function parseStationTime(text: string, utcOffsetHours: number): number | undefined {
  if (!/^\d{14}$/.test(text)) return undefined
  const year = Number(text.slice(0, 4))
  const month = Number(text.slice(4, 6))
  const day = Number(text.slice(6, 8))
  const hour = Number(text.slice(8, 10))
  const minute = Number(text.slice(10, 12))
  const second = Number(text.slice(12, 14))
  const local = Date.UTC(year, month - 1, day, hour, minute, second)
  // Date.UTC rolls 31 April over to 1 May; a time that does not read back the same was not a real one.
  const d = new Date(local)
  const same =
    d.getUTCFullYear() === year &&
    d.getUTCMonth() === month - 1 &&
    d.getUTCDate() === day &&
    d.getUTCHours() === hour &&
    d.getUTCMinutes() === minute &&
    d.getUTCSeconds() === second
  return same ? local - utcOffsetHours * 3_600_000 : undefined
}
