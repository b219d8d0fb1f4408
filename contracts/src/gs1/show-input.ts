/** A short, safe rendering of bad input for an error message: never echoes megabytes back. */
export function showInput(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : typeof value
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value
  return JSON.stringify(shown)
}
