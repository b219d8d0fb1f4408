// The one place that reads process.env (README § Configuration). Everything else receives a Config.
import { readEnv, tileOrigin } from './read.ts'
import { ConfigEnv, type ConfigValues } from './schema.ts'
import { type Config, ConfigError, type IngestLimits, type MapTiles } from './types.ts'
import { notesOf } from './variables.ts'

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const v = readEnv(ConfigEnv, env)
  return {
    databaseUrl: v.DATABASE_URL,
    databaseReadUrl: v.DATABASE_READ_URL,
    dataDir: v.DATA_DIR,
    mqttPort: v.MQTT_PORT,
    mqttWsPort: v.MQTT_WS_PORT,
    metricsPort: v.METRICS_PORT,
    httpPort: v.HTTP_PORT,
    host: v.HOST,
    publicBaseUrl: v.PUBLIC_BASE_URL,
    redisUrl: v.REDIS_URL,
    brokerHeartbeatMs: v.BROKER_HEARTBEAT_MS,
    logLevel: v.LOG_LEVEL,
    ingest: resolveIngestLimits({
      maxPayloadBytes: v.INGEST_MAX_PAYLOAD_BYTES,
      maxPacketBytes: v.MQTT_MAX_PACKET_BYTES,
      maxFutureSeconds: v.INGEST_MAX_FUTURE_SECONDS,
      maxAgeDays: v.INGEST_MAX_AGE_DAYS,
    }),
    resolver: {
      rateLimitPerMinute: v.RESOLVER_RATE_LIMIT,
      cloneMaxScans: v.CLONE_MAX_SCANS,
      cloneMaxKmh: v.CLONE_MAX_KMH,
      geoHeaders: v.SCAN_GEO_HEADERS,
      trustProxy: v.TRUST_PROXY,
      mapTiles: mapTiles(v),
    },
    open: {
      rateLimitPerMinute: v.OPEN_RATE_LIMIT,
      licence: v.OPEN_DATA_LICENSE,
      publisher: { name: v.OPEN_DATA_PUBLISHER, url: v.OPEN_DATA_PUBLISHER_URL },
    },
    console: {
      sessionIdleSeconds: v.SESSION_IDLE_MINUTES * 60,
      sessionMaxSeconds: v.SESSION_MAX_HOURS * 3600,
      loginRateLimitPerMinute: v.LOGIN_RATE_LIMIT,
    },
    alerts: {
      lateAfterSeconds: v.ALERT_LATE_AFTER_SECONDS,
      webhookMaxAttempts: v.WEBHOOK_MAX_ATTEMPTS,
      webhookTimeoutMs: v.WEBHOOK_TIMEOUT_MS,
      webhookAllowPrivate: v.WEBHOOK_ALLOW_PRIVATE,
    },
    jobs: {
      enabled: v.JOBS,
      readingsRetentionDays: v.READINGS_RETENTION_DAYS,
      deadLetterRetentionDays: v.DEAD_LETTER_RETENTION_DAYS,
      compressAfterDays: v.COMPRESS_AFTER_DAYS,
    },
  }
}

/** The attribution only matters with a template; readEnv has already refused a template with no origin. */
function mapTiles(v: ConfigValues): MapTiles | null {
  if (v.MAP_TILES_URL === undefined) return null
  return { url: v.MAP_TILES_URL, attribution: v.MAP_TILES_ATTRIBUTION, origin: tileOrigin(v.MAP_TILES_URL)! }
}

const schemaDefault = (name: keyof typeof ConfigEnv.properties) =>
  notesOf(ConfigEnv.properties[name]).default as number
/** Room above the payload limit for the fixed header and the longest topic. */
const PACKET_HEADROOM = 65_536
const MIN_PACKET_CAP = 1_048_576

/**
 * Defaults (the schema's) for what is not given; the packet cap follows a raised payload limit unless set
 * itself. The broker calls this too, with the limits a caller passes it directly.
 */
export function resolveIngestLimits(
  given: { [K in keyof IngestLimits]?: number | undefined } = {},
): IngestLimits {
  const maxPayloadBytes = given.maxPayloadBytes ?? schemaDefault('INGEST_MAX_PAYLOAD_BYTES')
  const maxPacketBytes = given.maxPacketBytes ?? Math.max(MIN_PACKET_CAP, maxPayloadBytes + PACKET_HEADROOM)
  if (maxPacketBytes < maxPayloadBytes + PACKET_HEADROOM) {
    throw new ConfigError(
      `MQTT_MAX_PACKET_BYTES (${maxPacketBytes}) must be at least INGEST_MAX_PAYLOAD_BYTES + ${PACKET_HEADROOM}, ` +
        'so an oversized payload is dead-lettered rather than cut off with its connection',
    )
  }
  return {
    maxPayloadBytes,
    maxPacketBytes,
    maxFutureSeconds: given.maxFutureSeconds ?? schemaDefault('INGEST_MAX_FUTURE_SECONDS'),
    maxAgeDays: given.maxAgeDays ?? schemaDefault('INGEST_MAX_AGE_DAYS'),
  }
}
