// Reads one sample out of Prometheus text exposition, for tests that compare scrapes, and names the
// broker's own metrics, which any scrape of its registry (its metrics port, or the API's GET /metrics in
// the demo) declares.

export const BROKER_METRIC_NAMES = [
  'zonetrace_connected_gateways',
  'zonetrace_mqtt_messages_in_total',
  'zonetrace_readings_committed_total',
  'zonetrace_readings_inserted_total',
  'zonetrace_commit_batch_rows',
  'zonetrace_commit_duration_seconds',
  'zonetrace_dead_letters_total',
  'zonetrace_db_errors_total',
  'zonetrace_acl_refusals_total',
  'zonetrace_connects_refused_total',
  'zonetrace_ingest_pending_rows',
] as const

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
