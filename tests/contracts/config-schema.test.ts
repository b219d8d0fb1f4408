// loadConfig reads the environment through one TypeBox schema (contracts/src/config/schema.ts). These pin
// what the hand-written parsers did before it: every default, the conversions, and refusals that name
// the variable. Ingest limits and map tiles have their own files beside this one.
import { resolve } from 'node:path'
import { ConfigEnv, ConfigError, defaultText, loadConfig, notesOf, READERS } from '@zonetrace/contracts'
import type { TSchema } from 'typebox'
import Value from 'typebox/value'
import { describe, expect, it } from 'vitest'

describe('configuration from the environment', () => {
  it('defaults every setting as before the schema', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: undefined,
      databaseReadUrl: undefined,
      dataDir: resolve('./.zonetrace'),
      mqttPort: 1883,
      mqttWsPort: 8083,
      metricsPort: 9464,
      httpPort: 3000,
      host: '0.0.0.0',
      publicBaseUrl: 'http://localhost:3000',
      redisUrl: undefined,
      brokerHeartbeatMs: 5000,
      logLevel: 'info',
      ingest: { maxPayloadBytes: 262_144, maxPacketBytes: 1_048_576, maxFutureSeconds: 600, maxAgeDays: 400 },
      resolver: {
        rateLimitPerMinute: 120,
        cloneMaxScans: 50,
        cloneMaxKmh: 500,
        geoHeaders: 'none',
        trustProxy: false,
        mapTiles: null,
      },
      open: {
        rateLimitPerMinute: 600,
        licence: 'https://creativecommons.org/licenses/by/4.0/',
        publisher: { name: 'zonetrace (demo)', url: 'https://github.com/zonetrace' },
      },
      console: { sessionIdleSeconds: 8 * 3600, sessionMaxSeconds: 7 * 86_400, loginRateLimitPerMinute: 10 },
      alerts: {
        lateAfterSeconds: 300,
        webhookMaxAttempts: 8,
        webhookTimeoutMs: 10_000,
        webhookAllowPrivate: false,
      },
      jobs: { enabled: true, readingsRetentionDays: 1095, deadLetterRetentionDays: 30, compressAfterDays: 7 },
    })
  })

  it('treats a blank variable as unset', () => {
    const blank = Object.fromEntries(Object.keys(ConfigEnv.properties).map((name) => [name, '  ']))
    expect(loadConfig(blank)).toEqual(loadConfig({}))
  })

  it.each(Object.entries(ConfigEnv.properties) as [string, TSchema][])(
    '%s: its written default reads back as its default and passes its own schema',
    (_, variable) => {
      const text = defaultText(variable)
      if (text === undefined) return
      const value = READERS[notesOf(variable)['x-read']](text)
      expect(Value.Check(variable, value)).toBe(true)
      if (notesOf(variable)['x-read'] !== 'path') expect(value).toEqual(notesOf(variable).default)
    },
  )

  it('converts text: trimmed integers, flag words in any case, paths, base URLs and proxy trust', () => {
    const c = loadConfig({
      DATABASE_URL: ' postgres://db/zt ',
      DATA_DIR: 'var/zt',
      MQTT_PORT: '0',
      HTTP_PORT: ' 8080 ',
      PUBLIC_BASE_URL: 'https://trace.example.vn///',
      SCAN_GEO_HEADERS: 'cloudfront',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      WEBHOOK_ALLOW_PRIVATE: 'YES',
      JOBS: '0',
      READINGS_RETENTION_DAYS: '0',
      DEAD_LETTER_RETENTION_DAYS: '14',
    })
    expect(c.databaseUrl).toBe('postgres://db/zt')
    expect(c.dataDir).toBe(resolve('var/zt'))
    expect([c.mqttPort, c.httpPort]).toEqual([0, 8080])
    expect(c.publicBaseUrl).toBe('https://trace.example.vn')
    expect(c.resolver.geoHeaders).toBe('cloudfront')
    expect(c.resolver.trustProxy).toBe('10.0.0.0/8, 127.0.0.1')
    expect(c.alerts.webhookAllowPrivate).toBe(true)
    expect(c.jobs).toMatchObject({ enabled: false, readingsRetentionDays: 0, deadLetterRetentionDays: 14 })
    expect(loadConfig({ TRUST_PROXY: 'true' }).resolver.trustProxy).toBe(true)
    expect(loadConfig({ TRUST_PROXY: 'false' }).resolver.trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: '2' }).resolver.trustProxy).toBe(2)
  })

  it.each([
    [{ MQTT_PORT: '65536' }, 'MQTT_PORT must be a port number, got "65536"'],
    [{ HTTP_PORT: 'http' }, 'HTTP_PORT must be a port number, got "http"'],
    [{ WEBHOOK_TIMEOUT_MS: '-5' }, 'WEBHOOK_TIMEOUT_MS must be a positive integer, got "-5"'],
    [{ CLONE_MAX_SCANS: '9007199254740993' }, 'CLONE_MAX_SCANS must be a positive integer'],
    [{ COMPRESS_AFTER_DAYS: '0' }, 'COMPRESS_AFTER_DAYS must be a positive integer, got "0"'],
    [{ READINGS_RETENTION_DAYS: '-1' }, 'READINGS_RETENTION_DAYS must be 0 or a positive integer, got "-1"'],
    [{ JOBS: 'maybe' }, 'JOBS must be on or off, got "maybe"'],
    [
      { SCAN_GEO_HEADERS: 'akamai' },
      'SCAN_GEO_HEADERS must be one of none, cloudflare, cloudfront, got "akamai"',
    ],
    [{ TRUST_PROXY: 'True' }, 'TRUST_PROXY must be true, false, a hop count or addresses/CIDRs, got "True"'],
  ])('refuses %o, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('reports every refused variable at once, one per line, in table order', () => {
    expect(() => loadConfig({ JOBS: 'sometimes', MQTT_PORT: '-1' })).toThrow(
      'MQTT_PORT must be a port number, got "-1"\nJOBS must be on or off, got "sometimes"',
    )
  })
})
