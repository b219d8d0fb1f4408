// What the rest of zonetrace receives: Config, built by loadConfig (load.ts) from the variables in schema.ts.

export interface Config {
  databaseUrl: string | undefined
  /** A streaming replica for the API's staleness-tolerant reads (api/src/plugins/app/read-db.ts). */
  databaseReadUrl: string | undefined
  dataDir: string
  mqttPort: number
  mqttWsPort: number
  /** Prometheus /metrics and /health of a broker running alone (`zonetrace broker`). */
  metricsPort: number
  httpPort: number
  host: string
  publicBaseUrl: string
  redisUrl: string | undefined
  /** Broker node heartbeat and presence write interval (docs/scale-out.md, "Presence"). */
  brokerHeartbeatMs: number
  logLevel: string
  ingest: IngestLimits
  resolver: ResolverSettings
  open: OpenDataSettings
  console: ConsoleSettings
  alerts: AlertSettings
  jobs: JobSettings
}

/** The open-data interface (OGC API – Features, downloads, DCAT catalogue) and the public map. */
export interface OpenDataSettings {
  /** Requests per minute per client address on every open-data route. */
  rateLimitPerMinute: number
  /** The licence URL the catalogue and the downloads declare (CC BY 4.0 by default). */
  licence: string
  publisher: { name: string; url: string }
}

/** People signing in to the console (ADR 0010). */
export interface ConsoleSettings {
  /** A session ends after this many seconds without a request. */
  sessionIdleSeconds: number
  /** …and in any case this many seconds after sign-in. */
  sessionMaxSeconds: number
  /** Sign-in attempts per minute per client address. */
  loginRateLimitPerMinute: number
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

/** A variable holds a value zonetrace cannot use; the message names the variable (the CLI prints it as is). */
export class ConfigError extends Error {}
