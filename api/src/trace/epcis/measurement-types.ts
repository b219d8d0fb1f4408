// What each metric is called in an EPCIS sensorReport and which UN/ECE Rec 20 code carries its unit.
//
// Types: the CBV 2.0 measurement types are written bare (`Temperature`), as the schema's enum lists them;
// the EPCIS context maps them to gs1:MT-Temperature. A prefixed `gs1:Temperature` would also pass the
// schema but expand to an IRI that does not exist. CBV has no type for pH, dissolved oxygen, salinity,
// turbidity or the analytes our field kits report, so those are extension types under zt:. Ammonia,
// H₂S and chloride could be `MassConcentration` with a chemicalSubstance, but field kits report e.g.
// total ammonia or alkalinity as CaCO₃, and naming one chemical species would claim more than was measured.
//
// Units: Rec 20 codes (revision 17 and later): CEL degree Celsius, G42 microsiemens per centimetre,
// CMT centimetre, M1 milligram per litre, NX part per thousand, Q30 pH. NTU has no Rec 20 code, so a
// report in it carries no uom and states the SenML unit as zt:unit instead.
import type { Metric } from '@zonetrace/contracts'

export const MEASUREMENT_TYPES: Record<Metric, string> = {
  temperature: 'Temperature',
  conductivity: 'Conductivity',
  water_level: 'Length',
  tss: 'MassConcentration',
  ph: 'zt:pH',
  dissolved_oxygen: 'zt:DissolvedOxygen',
  salinity: 'zt:Salinity',
  turbidity: 'zt:Turbidity',
  nh3: 'zt:Ammonia',
  h2s: 'zt:HydrogenSulfide',
  alkalinity: 'zt:Alkalinity',
  chloride: 'zt:Chloride',
}

/** SenML unit (contracts/src/metrics.ts) → Rec 20 code. */
const REC20_UNITS: Record<string, string> = {
  Cel: 'CEL',
  'uS/cm': 'G42',
  cm: 'CMT',
  'mg/L': 'M1',
  ppt: 'NX',
  pH: 'Q30',
}

export function rec20Unit(senmlUnit: string): string | null {
  return Object.hasOwn(REC20_UNITS, senmlUnit) ? (REC20_UNITS[senmlUnit] ?? null) : null
}
