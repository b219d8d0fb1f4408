// The field faults the simulator can switch on (water-dynamics.md § Sensors and faults seen in the field),
// and one of the pond itself: its aerator stopping (aerator-failure.ts).

export const FAULT_NAMES = [
  'fouling',
  'stuck',
  'spikes',
  'dropouts',
  'clock-skew',
  'power-loss',
  'aerator-failure',
] as const
export type FaultName = (typeof FAULT_NAMES)[number]

export class FaultListError extends Error {}

/** Parses `fouling,stuck,…` (or `all`, or `none`); rejects unknown names so a typo is not a silent no-op. */
export function parseFaults(list: string): FaultName[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (names.length === 1 && names[0] === 'none') return []
  if (names.length === 1 && names[0] === 'all') return [...FAULT_NAMES]
  const unknown = names.filter((n) => !(FAULT_NAMES as readonly string[]).includes(n))
  if (unknown.length > 0) {
    throw new FaultListError(
      `unknown fault ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${FAULT_NAMES.join(', ')}, all, none`,
    )
  }
  return FAULT_NAMES.filter((n) => names.includes(n))
}
