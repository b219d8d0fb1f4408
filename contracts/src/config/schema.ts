// Every environment variable zonetrace reads, in the order the README table and .env.example list them:
// its type, default, bounds and description in one place. Edit here, then regenerate the docs with
// `npx tsx scripts/config-docs.ts` (a test fails while they differ).
import Type, { type Static } from 'typebox'
import {
  baseUrl,
  daysOrNever,
  derivedInt,
  directory,
  flag,
  oneOf,
  optionalText,
  port,
  positiveInt,
  text,
} from './variables.ts'

export const ConfigEnv = Type.Object({
  DATABASE_URL: optionalText(
    'postgres URL of a TimescaleDB server',
    'unset → embedded TimescaleDB under `DATA_DIR`',
  ),
  DATABASE_READ_URL: optionalText(
    'postgres URL of a streaming replica of `DATABASE_URL`: the API reads series, evidence, open data and lists ' +
      'there, and falls back to the primary while it is down ([reads from a replica](docs/scale-out.md#reads-from-a-replica))',
    'unset → every read goes to `DATABASE_URL`; ignored, with a warning, on the embedded database',
  ),
  DATA_DIR: directory('./.zonetrace', 'embedded database, signing keys, demo credentials'),
  MQTT_PORT: port(1883, 'MQTT over TCP'),
  MQTT_WS_PORT: port(8083, 'MQTT over WebSocket (path `/`, subprotocol `mqtt`)'),
  METRICS_PORT: port(
    9464,
    'Prometheus `/metrics` and `/health` of `zonetrace broker` run alone (the API serves `/metrics` too)',
  ),
  HTTP_PORT: port(3000, 'API, resolver, dashboards'),
  PUBLIC_BASE_URL: baseUrl('http://localhost:3000', 'the domain printed into QR codes'),
  REDIS_URL: optionalText(
    'clustered brokers sharing subscriptions, retained messages and sessions ([scale-out](docs/scale-out.md)), ' +
      'e.g. `redis://127.0.0.1:6379/0`; `rediss://` for TLS',
    'unset',
  ),
  BROKER_HEARTBEAT_MS: positiveInt(
    5000,
    'how often each broker node writes presence and its heartbeat, takes over a node silent for 3 heartbeats ' +
      '(its gateways go offline) and publishes config changes ([scale-out](docs/scale-out.md#presence))',
  ),
  INGEST_MAX_PAYLOAD_BYTES: positiveInt(
    262_144,
    'larger payloads are dead-lettered (first 16 KiB kept) and acknowledged',
  ),
  INGEST_MAX_FUTURE_SECONDS: positiveInt(600, 'readings further ahead of the broker clock are dead-lettered'),
  INGEST_MAX_AGE_DAYS: positiveInt(400, 'older readings are dead-lettered (backfills of days are normal)'),
  MQTT_MAX_PACKET_BYTES: derivedInt(
    'hard cap on any MQTT packet: the connection is closed as soon as the header announces more; ' +
      'at least `INGEST_MAX_PAYLOAD_BYTES` + 65536',
    '`1048576`, or `INGEST_MAX_PAYLOAD_BYTES` + 65536 if that is more',
  ),
  RESOLVER_RATE_LIMIT: positiveInt(
    120,
    'label resolver requests per minute per client address (feedback: a twelfth)',
  ),
  OPEN_RATE_LIMIT: positiveInt(
    600,
    'open-data requests (`/ogc`, `/open`, the public map) per minute per client address ([open data](docs/open-data.md))',
  ),
  OPEN_DATA_LICENSE: text(
    'https://creativecommons.org/licenses/by/4.0/',
    'the licence the open-data catalogue and downloads declare (a URL)',
  ),
  OPEN_DATA_PUBLISHER: text(
    'zonetrace (demo)',
    'who publishes the open data, as the catalogue names it (for example the provincial department)',
  ),
  OPEN_DATA_PUBLISHER_URL: baseUrl(
    'https://github.com/zonetrace',
    "the publisher's home page in the catalogue",
  ),
  SESSION_IDLE_MINUTES: positiveInt(
    480,
    'a console session ends after this long without use (each request slides it forward)',
  ),
  SESSION_MAX_HOURS: positiveInt(168, 'and in any case this long after signing in'),
  LOGIN_RATE_LIMIT: positiveInt(
    10,
    'console sign-in attempts per minute per client address (each account also locks after 5 failures)',
  ),
  CLONE_MAX_SCANS: positiveInt(50, 'a serial scanned more often is flagged as a likely copy'),
  CLONE_MAX_KMH: positiveInt(500, 'two scans of one serial implying a faster journey are flagged'),
  SCAN_GEO_HEADERS: oneOf(
    ['none', 'cloudflare', 'cloudfront'],
    'none',
    "`cloudflare` or `cloudfront`: take a coarse scan location from that CDN's headers (only when it really is in front)",
  ),
  // A union rather than a helper: the value is handed to fastify's trustProxy as it is.
  TRUST_PROXY: Type.Union(
    [Type.Boolean(), Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9a-fA-F.:/, ]+$' })],
    {
      default: false,
      description:
        'reverse proxies to believe about the client address (`true`, a hop count, or addresses/CIDRs such as ' +
        "`10.0.0.0/8`), so the resolver's rate limit sees phones, not the proxy",
      'x-read': 'trustProxy',
      'x-must-be': 'true, false, a hop count or addresses/CIDRs',
    },
  ),
  MAP_TILES_URL: Type.Optional(
    Type.String({
      description:
        'an XYZ tile template such as `https://tile.openstreetmap.org/{z}/{x}/{y}.png` (http or https, `{z}`, ' +
        "`{x}`, `{y}` after the host): a basemap under each growing area's map on the consumer page and under the " +
        "console's map of areas, and that one origin added to those pages' `img-src`. Unset, they make no " +
        "third-party request (the console draws a bundled Natural Earth coastline); set, each shopper's phone and " +
        "officer's browser fetches tiles from that server ([the maps](docs/traceability.md#where-it-grew-the-maps))",
      'x-read': 'tileTemplate',
      'x-must-be':
        'an http(s) URL with {z}, {x} and {y} after the host (and no other placeholder), ' +
        'such as https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      'x-default-text': 'unset',
    }),
  ),
  MAP_TILES_ATTRIBUTION: text(
    '© OpenStreetMap contributors',
    "text shown under the basemap, as the tile server's licence requires",
  ),
  LOG_LEVEL: text('info', 'pino log level; `debug` also prints stack traces from the CLI'),
  HOST: text('0.0.0.0', 'interface the broker and API listen on'),
  ALERT_LATE_AFTER_SECONDS: positiveInt(
    300,
    'a reading arriving this much after its data time is backfill: its alerts are historical and page nobody ' +
      '([alerts](docs/alerts.md#evaluation))',
  ),
  WEBHOOK_MAX_ATTEMPTS: positiveInt(
    8,
    'attempts per webhook delivery before it goes to the dead-letter list ([notifications](docs/notifications.md))',
  ),
  WEBHOOK_TIMEOUT_MS: positiveInt(10_000, 'how long a webhook target has to answer one attempt'),
  WEBHOOK_ALLOW_PRIVATE: flag(
    false,
    '`on` lets webhooks target localhost, loopback, private (RFC 1918, CGNAT), link-local and other non-public ' +
      "addresses, for a receiver on the operator's own network; off, they are refused at registration and at " +
      'every connection ([notifications](docs/notifications.md#where-a-webhook-may-point))',
  ),
  JOBS: flag(
    true,
    'run the scheduled jobs in this process; several instances share them safely ([scheduled jobs](#scheduled-jobs))',
  ),
  // Readings are the evidence behind printed labels; three years outlives any lot's shelf life.
  READINGS_RETENTION_DAYS: daysOrNever(
    1095,
    'readings older than this are dropped, a day at a time; `0` keeps forever',
  ),
  DEAD_LETTER_RETENTION_DAYS: daysOrNever(30, 'dead letters older than this are deleted; `0` keeps forever'),
  COMPRESS_AFTER_DAYS: positiveInt(
    7,
    'readings older than this are compressed (TimescaleDB `timescale` licence only)',
  ),
})

/** The environment once read: each variable as its value, defaults filled in. */
export type ConfigValues = Static<typeof ConfigEnv>
