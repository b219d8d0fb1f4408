// What the connection benches share: a fleet of provisioned gateways in one benchmark zone, and the real
// `zonetrace broker` started as a child process so its memory and CPU are read alone.
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { GatewayCredentials } from '@zonetrace/contracts'
import { type Database, provisionGateways, upsertGrowingArea } from '@zonetrace/db'

export const FLEET_ZONE = 'BENCH-ZONE'
export const FLEET_METRICS = ['salinity', 'ph', 'dissolved_oxygen', 'temperature'] as const

/** `count` gateways named `<prefix>-<n>`, each with one sensor per metric, provisioned 1000 at a time. */
export async function provisionFleet(
  db: Database,
  prefix: string,
  count: number,
): Promise<GatewayCredentials[]> {
  await upsertGrowingArea(db, {
    code: FLEET_ZONE,
    name: 'Benchmark',
    crop: 'shrimp',
    kind: 'shrimp_pond',
    communeCode: '29455',
  })
  const creds: GatewayCredentials[] = []
  for (let start = 0; start < count; start += 1000) {
    const ids = Array.from({ length: Math.min(1000, count - start) }, (_, i) => `${prefix}-${start + i}`)
    creds.push(
      ...(await provisionGateways(
        db,
        ids.map((id) => ({ id, zone: FLEET_ZONE, sensors: [...FLEET_METRICS] })),
      )),
    )
  }
  return creds
}

/** Starts `zonetrace broker` on `port`; `ready` resolves when it logs that it listens. */
export function spawnBroker(
  port: number,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): { child: ChildProcess; ready: Promise<void> } {
  const bin = fileURLToPath(new URL('../bin/zonetrace.js', import.meta.url))
  const child = spawn(process.execPath, [...nodeArgs, bin, 'broker'], {
    env: {
      ...process.env,
      ...env,
      MQTT_PORT: String(port),
      MQTT_WS_PORT: '0',
      METRICS_PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`zonetrace broker exited with ${code} before listening`)))
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) resolve()
    })
  })
  return { child, ready }
}
