/** Numeric options as given, each one left out (or undefined) taken from `defaults`. */
export function withDefaults<T extends Record<string, number>>(given: Partial<T>, defaults: T): T {
  const out = { ...defaults }
  for (const key in defaults) out[key] = given[key] ?? defaults[key]
  return out
}
