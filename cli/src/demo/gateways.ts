// Demo gateways and their secrets. A secret is shown only once at provisioning, so the demo keeps them in
// DATA_DIR/demo-gateways.json (mode 0600) and reuses them on the next run.
import { join } from 'node:path'
import type { GatewayCredentials } from '@zonetrace/contracts'
import {
  type Database,
  loadGatewayAuth,
  provisionGateway,
  rotateGatewaySecret,
  setGatewayPosition,
  verifySecret,
} from '@zonetrace/db'
import { parseCredentials } from '@zonetrace/firmware-sim'
import type { Logger } from '../logger.ts'
import { probeChannels } from '../probes.ts'
import { readJsonIfExists, writePrivateJson } from './files.ts'
import { DEMO_GATEWAYS } from './seed-data.ts'

const DEMO_GATEWAYS_FILE = 'demo-gateways.json'

export async function ensureDemoGateways(
  db: Database,
  dataDir: string,
  logger: Logger,
): Promise<GatewayCredentials[]> {
  const file = join(dataDir, DEMO_GATEWAYS_FILE)
  const saved = savedCredentials(await readJsonIfExists(file))
  const result: GatewayCredentials[] = []
  for (const spec of DEMO_GATEWAYS) {
    const wanted = probeChannels(spec.id, spec.probes)
    const auth = await loadGatewayAuth(db, spec.id)
    const position = { type: 'Point', coordinates: spec.position }
    if (!auth) {
      result.push(await provisionGateway(db, { id: spec.id, zone: spec.zone, sensors: wanted, position }))
      logger.info({ gatewayId: spec.id }, 'demo gateway provisioned')
      continue
    }
    // A demo database from before gateways had positions gets them too (a no-op when already there).
    await setGatewayPosition(db, spec.id, position)
    // Publish only channels the broker knows for this gateway, whatever an older demo provisioned.
    const sensors = wanted.filter((c) => auth.channels.has(`${c.sensorId}:${c.metric}`))
    const known = saved.get(spec.id)
    if (known && (await verifySecret(known.password, auth.secretHash))) {
      result.push({ ...known, sensors })
      continue
    }
    // The database outlived the credentials file (or the server is shared): give the gateway a new secret.
    const password = await rotateGatewaySecret(db, spec.id)
    if (!password) throw new Error(`demo gateway ${spec.id} vanished while starting`)
    logger.warn({ gatewayId: spec.id }, 'demo gateway secret was unknown; issued a new one')
    result.push({ gatewayId: spec.id, username: spec.id, password, sensors })
  }
  await writePrivateJson(file, result)
  return result
}

function savedCredentials(json: unknown): Map<string, GatewayCredentials> {
  const map = new Map<string, GatewayCredentials>()
  if (!Array.isArray(json)) return map
  for (const entry of json) {
    try {
      const c = parseCredentials(entry, DEMO_GATEWAYS_FILE)
      map.set(c.gatewayId, c)
    } catch {
      // A damaged entry only costs that gateway a new secret.
    }
  }
  return map
}
