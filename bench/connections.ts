// npm run bench:connections — 10,000 authenticated gateways holding their MQTT connections to one broker
// process. The broker runs as its own process (`zonetrace broker`) so its resident memory is measured alone.
// Last line: RESULT connections=… rss_mb=… kb_per_conn=…
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import mqtt, { type MqttClient } from 'mqtt'
import { openBenchDB, round } from './bench-db.ts'
import { provisionFleet, spawnBroker } from './bench-fleet.ts'
import { freePort } from './free-port.ts'

const TARGET = Number(process.env.BENCH_CONNECTIONS) || 10_000
const CONCURRENT_CONNECTS = 200

const bench = await openBenchDB()
console.log(`database: ${bench.label}; ${TARGET} gateways`)
const t0 = performance.now()
const creds = await provisionFleet(bench.db, 'conn', TARGET)
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

async function startBrokerProcess(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const { child, ready } = spawnBroker(port, env)
  await ready
  return child
}
