// Typical water by zone kind, for the dry season (the salinity peak, February–April). Sources, all in
// /work/shared/domain/: water-dynamics.md (pond ranges and the Trà Vinh fisheries bulletin table, readings
// taken 07–12 h) and thresholds.csv (QCVN limits). Each profile names the rows it was set from.

export interface DailyCycle {
  mean: number
  /** Half the peak-to-trough daily swing. */
  swing: number
}

export interface SalinityProfile {
  mean: number
  /** Amplitude of the tidal swing, ppt per unit of M2 tide. */
  tide: number
  /** Fraction of the dry-season level lost at the wettest point of the year. */
  seasonal: number
  /** Fraction of a rain spell's freshening that reaches this water (1: open to run-off and the river). */
  rain: number
  /**
   * Salt wedge reaching a fresh-water point: ppt added at a dry-season spring high tide, nothing while
   * `threshold` (0–1, of dry season × tide height) is not crossed. Only intakes upstream of the 4 g/L line.
   */
  intrusion?: { ppt: number; threshold: number }
}

export interface ZoneProfile {
  salinity: SalinityProfile
  temperature: DailyCycle
  dissolvedOxygen: DailyCycle
  ph: DailyCycle
}

export const ZONE_PROFILES = {
  // Enclosed: farmers top up with river water, so the tide barely shows and the rains dilute less.
  // Bulletin rows Hiệp Mỹ 2023-03-29 (14 ppt, pH 8.0, DO 4.0, 31 °C) and 2020-05-01 (20 ppt, pH 8.0, 30 °C);
  // well-run intensive ponds (water-dynamics.md): DO > 4 mg/L, pH 7.9–8.4, 10–25 ppt.
  shrimp_pond: {
    salinity: { mean: 15, tide: 0.4, seasonal: 0.2, rain: 0.5 },
    temperature: { mean: 29.5, swing: 2.5 },
    dissolvedOxygen: { mean: 6, swing: 1.8 },
    ph: { mean: 8.1, swing: 0.2 },
  },
  // Open to the river: the semi-diurnal tide pushes brackish water up and down twice a day.
  // Bulletin rows Rạch Gốc 2023-03-29 (4 ppt, pH 7.5, DO 3.0, 29 °C) and 2023-06-02 (6 ppt, pH 7.5, DO 3.0,
  // 28 °C): a morning reading near 3 mg/L puts the daily mean a little above it.
  coconut_canal: {
    salinity: { mean: 3, tide: 1.5, seasonal: 0.45, rain: 1 },
    temperature: { mean: 29, swing: 1.5 },
    dissolvedOxygen: { mean: 3.9, swing: 0.9 },
    ph: { mean: 7.5, swing: 0.15 },
  },
  // Ditches between raised orchard beds (pomelo): fresh water, kept so by sluice gates (pomelo ceiling
  // 1.55 ppt, thresholds.csv). Bulletin row Cống La Bang 2023-06-02 (pH 7.0, 27 °C) for the fresh side.
  orchard_canal: {
    salinity: { mean: 0.5, tide: 0.3, seasonal: 0.45, rain: 1 },
    temperature: { mean: 28.5, swing: 1.2 },
    dissolvedOxygen: { mean: 4.5, swing: 1 },
    ph: { mean: 7, swing: 0.2 },
  },
  // Shallow standing water: large daily temperature and oxygen swings from sun and algae. Rice ceiling
  // 2 ppt (thresholds.csv); pH as bulletin row Cống La Bang 2023-06-02 (pH 7.0).
  rice_field: {
    salinity: { mean: 0.3, tide: 0.1, seasonal: 0.45, rain: 1 },
    temperature: { mean: 29, swing: 3 },
    dissolvedOxygen: { mean: 6, swing: 2.5 },
    ph: { mean: 7, swing: 0.4 },
  },
  // A water-plant intake on a river upstream of the 4 g/L line: fresh (under the 0.5 ppt fresh-water line,
  // thresholds.csv domestic_water) except when a dry-season spring tide carries the salt wedge up to it, as
  // in the 2020 and 2024 intrusions (water-dynamics.md). pH inside QCVN 01-1:2018/BYT 6.0–8.5; river pH
  // and temperature as bulletin row Cống La Bang 2023-06-02 (pH 7.0, 27 °C), moving water keeps DO up.
  domestic_water_intake: {
    salinity: { mean: 0.15, tide: 0.05, seasonal: 0.5, rain: 1, intrusion: { ppt: 1.4, threshold: 0.72 } },
    temperature: { mean: 28.5, swing: 1 },
    dissolvedOxygen: { mean: 5.5, swing: 0.6 },
    ph: { mean: 7.2, swing: 0.15 },
  },
} as const satisfies Record<string, ZoneProfile>

export type ZoneKind = keyof typeof ZONE_PROFILES

/** Unknown kinds (a plain `field`, a kind added later) get fresh-water canal behaviour. */
export function profileFor(kind: string | undefined): ZoneProfile {
  return kind !== undefined && Object.hasOwn(ZONE_PROFILES, kind)
    ? ZONE_PROFILES[kind as ZoneKind]
    : ZONE_PROFILES.orchard_canal
}
