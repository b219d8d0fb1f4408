// The one place that reads process.env (CONTRACT.md § Configuration). Everything else receives a Config.
import { resolve } from 'node:path'

export interface Config {
  databaseUrl: string | undefined
  dataDir: string
  mqttPort: number
  mqttWsPort: number
  httpPort: number
  host: string
  publicBaseUrl: string
  redisUrl: string | undefined
  logLevel: string
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir: resolve(nonEmpty(env.DATA_DIR) ?? './.zonetrace'),
    mqttPort: port(env, 'MQTT_PORT', 1883),
    mqttWsPort: port(env, 'MQTT_WS_PORT', 8083),
    httpPort: port(env, 'HTTP_PORT', 3000),
    host: nonEmpty(env.HOST) ?? '0.0.0.0',
    publicBaseUrl: (nonEmpty(env.PUBLIC_BASE_URL) ?? 'http://localhost:3000').replace(/\/+$/, ''),
    redisUrl: nonEmpty(env.REDIS_URL),
    logLevel: nonEmpty(env.LOG_LEVEL) ?? 'info',
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
