// Reads one sample out of Prometheus text exposition, for tests that compare scrapes.

/** The sample `name` whose labels include `labels` (0 when absent: a counter not yet incremented). */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`)
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const have = (match[2] ?? '').split(',')
    if (wanted.every((w) => have.includes(w))) return Number(match[3])
  }
  return 0
}
