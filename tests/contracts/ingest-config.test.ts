// The ingest limits in Config (README § Ingest rules): defaults, overrides, and refusals that name the variable.
import { ConfigError, loadConfig } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'

describe('ingest limits from the environment', () => {
  it('defaults to 256 KiB payloads, a 1 MiB packet cap, 600 s of clock skew and 400 days of backfill', () => {
    expect(loadConfig({}).ingest).toEqual({
      maxPayloadBytes: 262_144,
      maxPacketBytes: 1_048_576,
      maxFutureSeconds: 600,
      maxAgeDays: 400,
    })
  })

  it('reads each variable, and raises the packet cap with a payload limit that outgrows it', () => {
    expect(
      loadConfig({
        INGEST_MAX_PAYLOAD_BYTES: '2000000',
        INGEST_MAX_FUTURE_SECONDS: '60',
        INGEST_MAX_AGE_DAYS: ' 30 ',
      }).ingest,
    ).toEqual({ maxPayloadBytes: 2_000_000, maxPacketBytes: 2_065_536, maxFutureSeconds: 60, maxAgeDays: 30 })
    expect(loadConfig({ MQTT_MAX_PACKET_BYTES: '4194304' }).ingest.maxPacketBytes).toBe(4_194_304)
  })

  it.each([
    [{ INGEST_MAX_PAYLOAD_BYTES: '0' }, /INGEST_MAX_PAYLOAD_BYTES must be a positive integer, got "0"/],
    [{ INGEST_MAX_AGE_DAYS: 'forever' }, /INGEST_MAX_AGE_DAYS must be a positive integer/],
    [{ INGEST_MAX_FUTURE_SECONDS: '1.5' }, /INGEST_MAX_FUTURE_SECONDS must be a positive integer/],
    [
      { MQTT_MAX_PACKET_BYTES: '300000' },
      /MQTT_MAX_PACKET_BYTES \(300000\) must be at least INGEST_MAX_PAYLOAD_BYTES \+ 65536/,
    ],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})
