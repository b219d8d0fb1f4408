// The platform's retained config for this gateway (zt/v1/gw/{id}/config). A good one is applied live and
// kept on disk, so after a restart without uplink the gateway still runs the rules the officer set last;
// a bad one is logged and ignored, and the last good one stays in force.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import Value from 'typebox/value'
import { type RemoteConfig, RemoteConfigSchema } from './schema.ts'

type RemoteConfigResult = { ok: true; config: RemoteConfig } | { ok: false; reason: string }

export function parseRemoteConfig(payload: Buffer | string): RemoteConfigResult {
  let json: unknown
  try {
    json = JSON.parse(payload.toString())
  } catch {
    return { ok: false, reason: 'config is not valid JSON' }
  }
  if (!Value.Check(RemoteConfigSchema, json)) {
    const first = [...Value.Errors(RemoteConfigSchema, json)][0]
    return { ok: false, reason: `config ${first?.instancePath || '/'}: ${first?.message ?? 'invalid'}` }
  }
  return { ok: true, config: json as RemoteConfig }
}

const FILE = 'remote-config.json'

export async function loadLastGoodConfig(dataDir: string): Promise<RemoteConfig | null> {
  try {
    const result = parseRemoteConfig(await readFile(join(dataDir, FILE)))
    return result.ok ? result.config : null
  } catch {
    return null
  }
}

/** Atomic: a power cut mid-write leaves the previous file, never half of the new one. */
export async function saveLastGoodConfig(dataDir: string, config: RemoteConfig): Promise<void> {
  await mkdir(dataDir, { recursive: true })
  const tmp = join(dataDir, `${FILE}.tmp`)
  await writeFile(tmp, JSON.stringify(config, null, 2), { flush: true })
  await rename(tmp, join(dataDir, FILE))
}
