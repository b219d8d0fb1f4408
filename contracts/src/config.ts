// The one place that reads process.env (CONTRACT.md § Configuration). Everything else receives a Config.
import { resolve } from 'node:path'

export interface Config {
  databaseUrl: string | undefined
  dataDir: string
  mqttPort: number
  mqttWsPort: number
  /** Prometheus /metrics and /health of a broker running alone (`zonetrace broker`). */
  metricsPort: number
  httpPort: number
  host: string
  publicBaseUrl: string
  redisUrl: string | undefined
  logLevel: string
  ingest: IngestLimits
  resolver: ResolverSettings
  alerts: AlertSettings
  jobs: JobSettings
}

/** Alert evaluation and notification (issue 6). */
export interface AlertSettings {
  /** A reading that arrives more than this many seconds after its data time is late: its alerts are historical. */
  lateAfterSeconds: number
  /** Attempts per webhook delivery before it goes to the dead-letter list. */
  webhookMaxAttempts: number
  /** Milliseconds a webhook target has to answer. */
  webhookTimeoutMs: number
  /** Webhooks may target loopback, private and other non-public addresses (an operator's choice; off). */
  webhookAllowPrivate: boolean
}

/** Scheduled jobs (node-cron) and what they keep. Retention 0 keeps forever. */
export interface JobSettings {
  /** Run the scheduler in this process (the API and the demo); several instances share it by advisory locks. */
  enabled: boolean
  readingsRetentionDays: number
  deadLetterRetentionDays: number
  /** Chunks older than this are compressed where the licence allows. */
  compressAfterDays: number
}

/** The public QR resolver: how hard one client may hit it, and when a serial looks copied. */
export interface ResolverSettings {
  /** Requests per minute per client address on the resolver routes. */
  rateLimitPerMinute: number
  /** A serial scanned more often than this is flagged as a likely copy. */
  cloneMaxScans: number
  /** Two located scans of one serial implying a faster journey than this are flagged. */
  cloneMaxKmh: number
  /**
   * Where a coarse scan location comes from: `none`, or the geolocation headers a trusted CDN in front of
   * the resolver adds (`cloudflare`: cf-iplatitude/cf-iplongitude; `cloudfront`: cloudfront-viewer-*).
   * Only set it when that CDN is really in front: a client could send the headers itself.
   */
  geoHeaders: 'none' | 'cloudflare' | 'cloudfront'
  /**
   * Which reverse proxies to believe about the client address (X-Forwarded-For), so the rate limit and the
   * scan log see phones rather than the proxy: false, true (any), a hop count, or addresses/CIDRs.
   */
  trustProxy: boolean | number | string
  /** A tiled basemap under the consumer page's area map; null (the default) keeps the page free of third parties. */
  mapTiles: MapTiles | null
}

/** An XYZ raster tile server (MAP_TILES_URL, MAP_TILES_ATTRIBUTION). */
export interface MapTiles {
  /** http(s) template with {z}, {x} and {y} after the host, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png */
  url: string
  /** Shown under the map, as tile servers' licences require. */
  attribution: string
  /** The template's scheme and host: the one image origin the page's Content-Security-Policy then allows. */
  origin: string
}

/** What the broker accepts from a gateway; anything outside is dead-lettered and still acknowledged. */
export interface IngestLimits {
  /** A publish whose payload is larger is dead-lettered whole (first 16 KiB kept). */
  maxPayloadBytes: number
  /**
   * Hard cap on any MQTT packet, checked on the fixed header before the body is buffered; the connection
   * is closed without an acknowledgement. At least maxPayloadBytes + 64 KiB (room for the longest topic).
   */
  maxPacketBytes: number
  /** Readings stamped further ahead of the broker clock are refused (gateway clock wrong). */
  maxFutureSeconds: number
  /** Readings older than this are refused; backfills of days or weeks from a gateway's spool are normal. */
  maxAgeDays: number
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir: resolve(nonEmpty(env.DATA_DIR) ?? './.zonetrace'),
    mqttPort: port(env, 'MQTT_PORT', 1883),
    mqttWsPort: port(env, 'MQTT_WS_PORT', 8083),
    metricsPort: port(env, 'METRICS_PORT', 9464),
    httpPort: port(env, 'HTTP_PORT', 3000),
    host: nonEmpty(env.HOST) ?? '0.0.0.0',
    publicBaseUrl: (nonEmpty(env.PUBLIC_BASE_URL) ?? 'http://localhost:3000').replace(/\/+$/, ''),
    redisUrl: nonEmpty(env.REDIS_URL),
    logLevel: nonEmpty(env.LOG_LEVEL) ?? 'info',
    ingest: ingestLimits(env),
    resolver: resolverSettings(env),
    alerts: {
      lateAfterSeconds: intOr(env, 'ALERT_LATE_AFTER_SECONDS', 300),
      webhookMaxAttempts: intOr(env, 'WEBHOOK_MAX_ATTEMPTS', 8),
      webhookTimeoutMs: intOr(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
      webhookAllowPrivate: flag(env, 'WEBHOOK_ALLOW_PRIVATE', false),
    },
    jobs: {
      enabled: flag(env, 'JOBS', true),
      // Readings are the evidence behind printed labels; three years outlives any lot's shelf life.
      readingsRetentionDays: intOr(env, 'READINGS_RETENTION_DAYS', 1095, true),
      deadLetterRetentionDays: intOr(env, 'DEAD_LETTER_RETENTION_DAYS', 30, true),
      compressAfterDays: intOr(env, 'COMPRESS_AFTER_DAYS', 7),
    },
  }
}

function intOr(env: NodeJS.ProcessEnv, name: string, fallback: number, zeroAllowed = false): number {
  if (nonEmpty(env[name]) === undefined) return fallback
  if (zeroAllowed && nonEmpty(env[name]) === '0') return 0
  return positiveInt(env, name)
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase()
  if (raw === undefined) return fallback
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true
  if (['0', 'false', 'off', 'no'].includes(raw)) return false
  throw new ConfigError(`${name} must be on or off, got "${raw}"`)
}

const GEO_SOURCES = ['none', 'cloudflare', 'cloudfront'] as const

function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === 'false') return false
  if (raw === 'true') return true
  if (/^\d+$/.test(raw)) return Number(raw)
  if (!/^[0-9a-fA-F.:/, ]+$/.test(raw)) {
    throw new ConfigError(`TRUST_PROXY must be true, false, a hop count or addresses/CIDRs, got "${raw}"`)
  }
  return raw
}

function resolverSettings(env: NodeJS.ProcessEnv): ResolverSettings {
  const int = (name: string, fallback: number) =>
    nonEmpty(env[name]) === undefined ? fallback : positiveInt(env, name)
  const geo = nonEmpty(env.SCAN_GEO_HEADERS) ?? 'none'
  if (!(GEO_SOURCES as readonly string[]).includes(geo)) {
    throw new ConfigError(`SCAN_GEO_HEADERS must be one of ${GEO_SOURCES.join(', ')}, got "${geo}"`)
  }
  return {
    rateLimitPerMinute: int('RESOLVER_RATE_LIMIT', 120),
    cloneMaxScans: int('CLONE_MAX_SCANS', 50),
    cloneMaxKmh: int('CLONE_MAX_KMH', 500),
    geoHeaders: geo as ResolverSettings['geoHeaders'],
    trustProxy: trustProxy(nonEmpty(env.TRUST_PROXY)),
    mapTiles: mapTiles(env),
  }
}

function mapTiles(env: NodeJS.ProcessEnv): MapTiles | null {
  const url = nonEmpty(env.MAP_TILES_URL)
  if (url === undefined) return null
  let origin: string | null = null
  try {
    const parsed = new URL(url.replace(/\{[zxy]\}/g, '0'))
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') origin = parsed.origin
  } catch {}
  // The placeholders must sit after the host, so that one origin covers every tile for the page's CSP.
  const ok =
    origin !== null &&
    url.toLowerCase().startsWith(`${origin}/`) &&
    ['{z}', '{x}', '{y}'].every((p) => url.includes(p)) &&
    !/\{(?![zxy]\})/.test(url)
  if (!ok) {
    throw new ConfigError(
      'MAP_TILES_URL must be an http(s) URL with {z}, {x} and {y} after the host (and no other placeholder), ' +
        `such as https://tile.openstreetmap.org/{z}/{x}/{y}.png, got "${url}"`,
    )
  }
  const attribution = nonEmpty(env.MAP_TILES_ATTRIBUTION) ?? '© OpenStreetMap contributors'
  return { url, attribution, origin: origin! }
}

function ingestLimits(env: NodeJS.ProcessEnv): IngestLimits {
  const given = (name: string) => (nonEmpty(env[name]) === undefined ? undefined : positiveInt(env, name))
  return resolveIngestLimits({
    maxPayloadBytes: given('INGEST_MAX_PAYLOAD_BYTES'),
    maxPacketBytes: given('MQTT_MAX_PACKET_BYTES'),
    maxFutureSeconds: given('INGEST_MAX_FUTURE_SECONDS'),
    maxAgeDays: given('INGEST_MAX_AGE_DAYS'),
  })
}

/** Defaults for what is not given; the packet cap follows a raised payload limit unless set itself. */
export function resolveIngestLimits(
  given: { [K in keyof IngestLimits]?: number | undefined } = {},
): IngestLimits {
  const maxPayloadBytes = given.maxPayloadBytes ?? 262_144
  const maxPacketBytes = given.maxPacketBytes ?? Math.max(1_048_576, maxPayloadBytes + 65_536)
  if (maxPacketBytes < maxPayloadBytes + 65_536) {
    throw new ConfigError(
      `MQTT_MAX_PACKET_BYTES (${maxPacketBytes}) must be at least INGEST_MAX_PAYLOAD_BYTES + 65536, ` +
        'so an oversized payload is dead-lettered rather than cut off with its connection',
    )
  }
  return {
    maxPayloadBytes,
    maxPacketBytes,
    maxFutureSeconds: given.maxFutureSeconds ?? 600,
    maxAgeDays: given.maxAgeDays ?? 400,
  }
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim()
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env[name])
  if (raw === undefined) return fallback
  const n = Number(raw)
  // 0 asks the OS for a free port: tests use it.
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ConfigError(`${name} must be a port number, got "${raw}"`)
  return n
}

function positiveInt(env: NodeJS.ProcessEnv, name: string): number {
  const raw = nonEmpty(env[name]) ?? ''
  const n = Number(raw)
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new ConfigError(`${name} must be a positive integer, got "${raw}"`)
  return n
}
