// Typical water by zone kind, for the dry season (the salinity peak, February–April). Figures come from
// /work/shared/domain/water-dynamics.md: intensive shrimp ponds 10–25 ppt, pH 7.9–8.4, DO > 4 mg/L,
// 26.7–34 °C; Trà Vinh bulletin points inland (Rạch Gốc, La Bang) 3–6 ppt, pH 7.0–7.5, DO about 3 mg/L.

export interface DailyCycle {
  mean: number
  /** Half the peak-to-trough daily swing. */
  swing: number
}

export interface ZoneProfile {
  salinity: { mean: number; tide: number; seasonal: number }
  temperature: DailyCycle
  dissolvedOxygen: DailyCycle
  ph: DailyCycle
}

export const ZONE_PROFILES = {
  // Enclosed: farmers top up with river water, so the tide barely shows and the rains dilute less.
  shrimp_pond: {
    salinity: { mean: 15, tide: 0.4, seasonal: 0.2 },
    temperature: { mean: 29.5, swing: 2.5 },
    dissolvedOxygen: { mean: 6, swing: 1.8 },
    ph: { mean: 8.1, swing: 0.2 },
  },
  // Open to the river: the semi-diurnal tide pushes brackish water up and down twice a day.
  coconut_canal: {
    salinity: { mean: 2.5, tide: 1.5, seasonal: 0.45 },
    temperature: { mean: 29, swing: 1.5 },
    dissolvedOxygen: { mean: 4.5, swing: 1 },
    ph: { mean: 7.5, swing: 0.15 },
  },
  // Ditches between raised orchard beds (pomelo): fresh water, kept so by sluice gates.
  orchard_canal: {
    salinity: { mean: 0.5, tide: 0.3, seasonal: 0.45 },
    temperature: { mean: 28.5, swing: 1.2 },
    dissolvedOxygen: { mean: 4.5, swing: 1 },
    ph: { mean: 7, swing: 0.2 },
  },
  // Shallow standing water: large daily temperature and oxygen swings from sun and algae.
  rice_field: {
    salinity: { mean: 0.3, tide: 0.1, seasonal: 0.45 },
    temperature: { mean: 29, swing: 3 },
    dissolvedOxygen: { mean: 6, swing: 2.5 },
    ph: { mean: 7, swing: 0.4 },
  },
} as const satisfies Record<string, ZoneProfile>

export type ZoneKind = keyof typeof ZONE_PROFILES

/** Unknown kinds (a plain `field`, a kind added later) get fresh-water canal behaviour. */
export function profileFor(kind: string | undefined): ZoneProfile {
  return kind !== undefined && Object.hasOwn(ZONE_PROFILES, kind)
    ? ZONE_PROFILES[kind as ZoneKind]
    : ZONE_PROFILES.orchard_canal
}
