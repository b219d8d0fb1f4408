// npm run bench:connections — 10,000 authenticated gateways holding their MQTT connections to one broker
// process. The broker runs as its own process (`zonetrace broker`) so its resident memory is measured alone.
// Last line: RESULT connections=… rss_mb=… kb_per_conn=…
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { GatewayCredentials } from '@zonetrace/contracts'
import { provisionGateways, upsertGrowingArea } from '@zonetrace/db'
import mqtt, { type MqttClient } from 'mqtt'
import { openBenchDB, round } from './bench-db.ts'
import { freePort } from './free-port.ts'

const TARGET = Number(process.env.BENCH_CONNECTIONS) || 10_000
const CONCURRENT_CONNECTS = 200

const bench = await openBenchDB()
console.log(`database: ${bench.label}; ${TARGET} gateways`)
await upsertGrowingArea(bench.db, {
  code: 'BENCH-ZONE',
  name: 'Benchmark',
  crop: 'shrimp',
  kind: 'shrimp_pond',
  communeCode: '29455',
})
const t0 = performance.now()
const creds: GatewayCredentials[] = []
for (let start = 0; start < TARGET; start += 1000) {
  const ids = Array.from({ length: Math.min(1000, TARGET - start) }, (_, i) => `conn-${start + i}`)
  creds.push(
    ...(await provisionGateways(
      bench.db,
      ids.map((id) => ({
        id,
        zone: 'BENCH-ZONE',
        sensors: ['salinity', 'ph', 'dissolved_oxygen', 'temperature'],
      })),
    )),
  )
}
console.log(`provisioned ${creds.length} gateways in ${round((performance.now() - t0) / 1000, 1)} s`)
const childEnv = await bench.detach()

const port = await freePort()
const broker = await startBrokerProcess(port, childEnv)
try {
  await new Promise((r) => setTimeout(r, 1000))
  const baseline = rssKb(broker.pid!)
  const clients: MqttClient[] = []
  const connectStarted = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENT_CONNECTS }, async () => {
      while (next < creds.length) {
        const c = creds[next++]!
        clients.push(
          await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
            username: c.username,
            password: c.password,
            clientId: c.gatewayId,
            keepalive: 300,
            reconnectPeriod: 0,
          }),
        )
      }
    }),
  )
  const connectSeconds = (performance.now() - connectStarted) / 1000
  console.log(
    `${clients.length} gateways connected in ${round(connectSeconds, 1)} s (${round(clients.length / connectSeconds)} connects/s)`,
  )
  // Let the broker settle (GC, presence flush) before reading its memory.
  await new Promise((r) => setTimeout(r, 5000))
  global.gc?.()
  const held = clients.filter((c) => c.connected).length
  const rss = rssKb(broker.pid!)
  console.log(
    `broker RSS: ${round(baseline / 1024, 1)} MB idle, ${round(rss / 1024, 1)} MB with ${held} connections`,
  )
  await Promise.all(clients.map((c) => c.endAsync(true)))
  console.log(
    `RESULT connections=${held} rss_mb=${round(rss / 1024, 1)} kb_per_conn=${round((rss - baseline) / held, 2)}`,
  )
} finally {
  broker.kill('SIGTERM')
  await new Promise((r) => broker.once('exit', r))
  await bench.close()
}
process.exit(0)

function rssKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)
  if (!line) throw new Error('cannot read broker RSS (needs Linux /proc)')
  return Number(line[1])
}

function startBrokerProcess(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const bin = fileURLToPath(new URL('../bin/zonetrace.js', import.meta.url))
  const child = spawn(process.execPath, [bin, 'broker'], {
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
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`broker exited with ${code} before listening`)))
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) resolve(child)
    })
  })
}
