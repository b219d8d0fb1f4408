// Durations as people type them in a query string or on the command line: 30s, 5m, 1h, 1d, 2w, or bare
// seconds. One parser so bucket sizes and token lifetimes read the same way.

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 } as const
const PATTERN = /^(\d{1,12})(s|m|h|d|w)?$/

/** Whole seconds, or null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const match = PATTERN.exec(text.trim())
  if (!match) return null
  const unit = (match[2] ?? 's') as keyof typeof UNIT_SECONDS
  return Number(match[1]) * UNIT_SECONDS[unit]
}

/** The shortest exact spelling: 300 → "5m", 90 → "90s", 172800 → "2d". */
export function formatDuration(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`
  if (seconds % 3600 === 0) return `${seconds / 3600}h`
  if (seconds % 60 === 0) return `${seconds / 60}m`
  return `${seconds}s`
}
