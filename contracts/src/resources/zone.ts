// A growing area (a "zone" in the registry routes), once: the list row of GET /zones, the traceability
// view with preset and certifications (POST /zones, lot exports, the consumer page) and the body that
// registers one; each says whether the area is published as open data (issue 17). Routes validate with these, repositories return them, browser code imports them.
import { type Static, Type } from 'typebox'
import { PRESET_IDS } from '../thresholds.ts'
import { CERTIFICATION_SCHEMES } from '../trace.ts'
import { Day, Id, Nullable, ZoneCode } from './common.ts'

export const Certification = Type.Object({
  scheme: Type.Enum(CERTIFICATION_SCHEMES),
  certificateNo: Type.String({ minLength: 1, maxLength: 64 }),
  issuer: Nullable(Type.String({ maxLength: 200 })),
  validFrom: Nullable(Day),
  validTo: Type.String({ ...Day, description: 'YYYY-MM-DD; a certification is valid through this day' }),
})
export type Certification = Static<typeof Certification>

/** The commune an area was registered under, resolved to the unit in force today (July 2025 reform). */
export const Commune = Type.Object({
  registeredCode: Type.String({ description: 'Commune code the area was registered under' }),
  code: Nullable(Type.String(), { description: 'The commune in force today' }),
  name: Nullable(Type.String()),
  formerName: Nullable(Type.String()),
})
export type Commune = Static<typeof Commune>

export const Polygon = Type.Object(
  {
    type: Type.Enum(['Polygon', 'MultiPolygon']),
    coordinates: Type.Array(Type.Unknown(), { maxItems: 1000 }),
  },
  { description: 'GeoJSON Polygon or MultiPolygon, WGS 84' },
)
export type Polygon = Static<typeof Polygon>

/** GET /zones: every growing area. */
export const Zone = Type.Object({
  code: Type.String({ description: 'Growing area code, opaque and unique' }),
  name: Type.String(),
  cooperativeId: Nullable(Type.String()),
  crop: Type.String(),
  kind: Type.String({ description: 'Zone profile: shrimp_pond, coconut_canal, rice_field, …' }),
  areaHa: Nullable(Type.Number()),
  polygon: Nullable(Polygon),
  commune: Commune,
  public: Type.Boolean({
    description:
      'Published as open data (the map, /ogc, the downloads); false when its cooperative keeps it private',
  }),
})
export type Zone = Static<typeof Zone>

/** A growing area as traceability shows it: its threshold preset and certifications, no owner or kind. */
export const AreaView = Type.Object({
  code: Zone.properties.code,
  name: Type.String(),
  crop: Type.String(),
  areaHa: Nullable(Type.Number()),
  polygon: Nullable(Polygon),
  preset: Nullable(Type.Enum(PRESET_IDS)),
  commune: Commune,
  certifications: Type.Array(Certification),
  // The owner's choice, shown back to it in the workspace and to officers; not a secret.
  public: Zone.properties.public,
})
export type AreaView = Static<typeof AreaView>

/** POST /zones: register or update a growing area. */
export const AreaBody = Type.Object({
  code: {
    ...ZoneCode,
    description: 'Opaque and unique without regard to case: VN-… domestic or PUC export code',
  },
  name: Type.String({ minLength: 1, maxLength: 200 }),
  cooperativeId: Type.Optional(Id('Required for officers and admins')),
  crop: Type.String({ minLength: 1, maxLength: 64 }),
  kind: Type.Optional(
    Type.String({ maxLength: 64, description: 'Zone profile: shrimp_pond, coconut_canal, …' }),
  ),
  areaHa: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 1e6 }))),
  polygon: Type.Optional(Nullable(Polygon)),
  communeCode: Type.String({
    pattern: '^[0-9]{5}$',
    description: 'Commune code (before or after July 2025)',
  }),
  preset: Type.Optional(Nullable(Type.Enum(PRESET_IDS), { description: 'Threshold preset' })),
  certifications: Type.Optional(Type.Array(Certification, { maxItems: 20 })),
  public: Type.Optional(
    Type.Boolean({
      description:
        "Published as open data; default true. False hides the area, its stations and its water record from the map, /ogc and the downloads (its lots' consumer pages still show their evidence); left out, an update keeps what was set",
    }),
  ),
})
export type AreaBody = Static<typeof AreaBody>
