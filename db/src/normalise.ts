// pg and PGlite hand back different JS types for the same SQL types (PGlite under drizzle returns
// timestamps as strings; pg returns int8 as string). Normalise by column type OID so callers see one shape.

const TIMESTAMP_OIDS = new Set([1114, 1184]) // timestamp, timestamptz
const NUMBER_OIDS = new Set([20, 1700]) // int8, numeric
const JSON_OIDS = new Set([114, 3802]) // json, jsonb

interface FieldInfo {
  name: string
  dataTypeID: number
}

export function normaliseRows<T>(rows: Record<string, unknown>[], fields: FieldInfo[]): T[] {
  const fixes = fields.filter(
    (f) => TIMESTAMP_OIDS.has(f.dataTypeID) || NUMBER_OIDS.has(f.dataTypeID) || JSON_OIDS.has(f.dataTypeID),
  )
  if (fixes.length === 0) return rows as T[]
  for (const row of rows) {
    for (const f of fixes) {
      const v = row[f.name]
      if (v === null || v === undefined) continue
      if (TIMESTAMP_OIDS.has(f.dataTypeID)) row[f.name] = v instanceof Date ? v : parseTimestamp(String(v))
      else if (NUMBER_OIDS.has(f.dataTypeID)) row[f.name] = typeof v === 'number' ? v : Number(v)
      else if (typeof v === 'string') row[f.name] = JSON.parse(v)
    }
  }
  return rows as T[]
}

/** Postgres text form `2026-11-28 21:00:00.123+00` → Date. */
function parseTimestamp(s: string): Date {
  let iso = s.replace(' ', 'T')
  if (/[+-]\d\d$/.test(iso)) iso += ':00'
  else if (!/(Z|[+-]\d\d:\d\d)$/.test(iso)) iso += 'Z'
  return new Date(iso)
}
