// Growing areas as the traceability side sees them: owner checks, the threshold preset that applies, and
// certifications. The commune is resolved to today's unit (July 2025 reform) as /zones does.
import {
  type AreaView,
  CERTIFICATION_SCHEMES,
  type Certification,
  isPresetId,
  type PresetId,
} from '@zonetrace/contracts'
import type { Database, Row } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import type { GeoJsonPolygon } from '../../schema/growing-areas.ts'
import { applyZonePreset } from '../alerts/preset-rules.ts'
import { type Columns, selectList } from '../columns.ts'
import { NotFoundError } from '../found.ts'
import { listZones, upsertGrowingArea } from '../registry.ts'
import { type Actor, assertOwns, ownerFor } from './actor.ts'
import { cooperativeExists } from './checks.ts'

export interface AreaInput {
  code: string
  name: string
  cooperativeId?: string
  crop: string
  kind?: string
  areaHa?: number | null
  /** GeoJSON Polygon or MultiPolygon (WGS 84); checked here, whatever the caller validated. */
  polygon?: unknown
  communeCode: string
  preset?: string | null
  certifications?: Certification[]
  /** Published as open data; left out, a new area is public and an update keeps what was set. */
  public?: boolean
}

export async function registerArea(db: Database, actor: Actor, input: AreaInput): Promise<AreaView> {
  const owner = ownerFor(actor, input.cooperativeId)
  if (input.preset != null && !isPresetId(input.preset)) {
    throw new RegistryError(`unknown threshold preset "${input.preset}"`, 'invalid')
  }
  for (const c of input.certifications ?? []) checkCertification(c)
  if (!(await cooperativeExists(db, owner))) throw new NotFoundError(`cooperative ${owner} not found`)
  const [existing] = await db.query<{ code: string; owner: string | null }>(
    `select code, cooperative_id as owner from growing_areas where lower(code) = lower($1)`,
    [input.code],
  )
  if (existing) assertOwns(actor, existing.owner, `growing area ${input.code}`)
  if (existing && existing.code !== input.code) {
    throw new RegistryError(
      `growing area ${existing.code} already exists; codes are compared without regard to case`,
      'conflict',
    )
  }
  await upsertGrowingArea(db, {
    code: input.code,
    name: input.name,
    cooperativeId: owner,
    crop: input.crop,
    kind: input.kind ?? 'field',
    areaHa: input.areaHa ?? null,
    polygon: input.polygon == null ? null : checkPolygon(input.polygon),
    communeCode: input.communeCode,
    thresholdPreset: input.preset ?? null,
    public: input.public,
  })
  if (input.certifications) await replaceCertifications(db, input.code, input.certifications)
  // Every area with a preset is watched from its registration on: its limits become rules now.
  await applyZonePreset(db, input.code, actor.subject)
  const [view] = await areaViews(db, [input.code])
  return view!
}

// Days as the calendar shows them: a certificate's dates carry no time of day.
const certificationColumns: Columns<Certification & { areaCode: string }> = {
  areaCode: 'area_code',
  scheme: 'scheme',
  certificateNo: 'certificate_no',
  issuer: 'issuer',
  validFrom: "to_char(valid_from, 'YYYY-MM-DD')",
  validTo: "to_char(valid_to, 'YYYY-MM-DD')",
}

export async function areaViews(db: Database, codes: string[]): Promise<AreaView[]> {
  if (codes.length === 0) return []
  const zones = await listZones(db, codes)
  const extra = await db.query<{ code: string; preset: string | null }>(
    `select code, threshold_preset as preset from growing_areas where code = any($1::text[])`,
    [codes],
  )
  const certs = await db.query<Certification & { areaCode: string } & Row>(
    `select ${selectList(certificationColumns)} from area_certifications where area_code = any($1::text[]) order by valid_to desc, id`,
    [codes],
  )
  return zones.map((z) => {
    const preset = extra.find((e) => e.code === z.code)?.preset ?? null
    return {
      code: z.code,
      name: z.name,
      crop: z.crop,
      areaHa: z.areaHa,
      polygon: z.polygon,
      preset: preset !== null && isPresetId(preset) ? (preset as PresetId) : null,
      commune: z.commune,
      certifications: certs.filter((c) => c.areaCode === z.code).map(({ areaCode: _a, ...c }) => c),
      public: z.public,
    }
  })
}

async function replaceCertifications(db: Database, code: string, certs: Certification[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`delete from area_certifications where area_code = $1`, [code])
    for (const c of certs) {
      await tx.query(
        `insert into area_certifications (area_code, scheme, certificate_no, issuer, valid_from, valid_to)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (area_code, scheme, certificate_no) do update set valid_to = excluded.valid_to`,
        [code, c.scheme, c.certificateNo, c.issuer ?? null, c.validFrom ?? null, c.validTo],
      )
    }
  })
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function checkCertification(c: Certification): void {
  if (!(CERTIFICATION_SCHEMES as readonly string[]).includes(c.scheme)) {
    throw new RegistryError(
      `certification scheme must be one of ${CERTIFICATION_SCHEMES.join(', ')}`,
      'invalid',
    )
  }
  for (const d of [c.validFrom, c.validTo]) {
    if (d != null && (!DATE.test(d) || Number.isNaN(Date.parse(d)))) {
      throw new RegistryError(`certification date "${d}" is not YYYY-MM-DD`, 'invalid')
    }
  }
  if (c.validFrom && c.validFrom > c.validTo) {
    throw new RegistryError('a certification cannot end before it starts', 'invalid')
  }
}

/** RFC 7946 Polygon or MultiPolygon: closed rings of at least 4 [lon, lat] positions inside WGS 84 bounds. */
function checkPolygon(value: unknown): GeoJsonPolygon {
  const bad = (why: string) =>
    new RegistryError(`polygon is not a GeoJSON Polygon or MultiPolygon: ${why}`, 'invalid')
  if (typeof value !== 'object' || value === null) throw bad('not an object')
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown }
  const polygons = type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' ? coordinates : undefined
  if (!Array.isArray(polygons) || polygons.length === 0)
    throw bad('type must be Polygon or MultiPolygon with coordinates')
  let positions = 0
  for (const rings of polygons) {
    if (!Array.isArray(rings) || rings.length === 0) throw bad('a polygon needs at least one ring')
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.length < 4) throw bad('a ring needs at least 4 positions')
      for (const p of ring) {
        const ok = Array.isArray(p) && p.length >= 2 && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90
        if (!ok || !p.every((n: unknown) => typeof n === 'number' && Number.isFinite(n))) {
          throw bad('positions are [longitude, latitude] numbers')
        }
      }
      const [first, last] = [ring[0], ring.at(-1)]
      if (first[0] !== last[0] || first[1] !== last[1]) throw bad('a ring must end where it starts')
      positions += ring.length
    }
  }
  if (positions > 10_000) throw bad('more than 10,000 positions')
  return { type: type as GeoJsonPolygon['type'], coordinates: coordinates as GeoJsonPolygon['coordinates'] }
}
