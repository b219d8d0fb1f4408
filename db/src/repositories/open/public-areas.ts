// Every public growing area with what the open-data interface publishes of it (contracts/src/open): its
// commune today and before the 2025 reform, its cooperative's name, certifications and the worst open
// alert's severity, nothing more. Private areas (growing_areas.public = false) never leave this query.
import type { AreaGeometry, AreaState, PublicCertification } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { ZONE_FROM } from '../registry.ts'

export type PublicAreaRow = {
  code: string
  name: string
  crop: string
  kind: string
  areaHa: number | null
  polygon: AreaGeometry | null
  registeredCommuneCode: string
  communeCode: string | null
  communeName: string | null
  communeFormerName: string | null
  cooperative: string | null
  certifications: PublicCertification[]
  thresholdPreset: string | null
  state: AreaState
  updated: Date
}

export async function listPublicAreas(db: Pick<Database, 'query'>): Promise<PublicAreaRow[]> {
  return db.query<PublicAreaRow>(
    `select z.code, z.name, z.crop, z.kind, z.area_ha::float8 as "areaHa", z.polygon,
            z.commune_code as "registeredCommuneCode", cur.code as "communeCode", cur.name as "communeName",
            case when former.name <> '' and former.name is distinct from cur.name then former.name end
              as "communeFormerName",
            c.name as cooperative,
            coalesce((select json_agg(json_build_object('scheme', a.scheme, 'certificateNo', a.certificate_no,
                                                        'validTo', a.valid_to::text) order by a.valid_to, a.scheme)
                        from area_certifications a where a.area_code = z.code), '[]'::json) as certifications,
            z.threshold_preset as "thresholdPreset",
            coalesce((select al.severity from alerts al
                       where al.zone_code = z.code and al.state = 'active' and not al.historical
                       order by array_position(array['warning','minor','major','critical'], al.severity) desc
                       limit 1), 'ok') as state,
            z.updated_at as updated
       ${ZONE_FROM}
       left join cooperatives c on c.id = z.cooperative_id
      where z.public
      order by z.code`,
  )
}
