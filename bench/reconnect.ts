// npm run bench:reconnect — the morning after a 4G or power outage: 10,000 gateways connected to one broker,
// the broker dies (kill -9) and comes back, and every gateway reconnects at once after its own random backoff
// jitter, then publishes one pack at QoS 1 and waits for its PUBACK (sent after the commit). The same storm
// then hits Debian's Eclipse Mosquitto, which stores nothing, so only connects per second are compared.
// connects_per_s = gateways / all_connected_s, the time from the restarted broker's first chance to the last
// CONNACK; the jitter window is the same for both brokers.
// Last line: RESULT connects_per_s=… mosquitto_connects_per_s=… ratio=… all_connected_s=… all_committed_s=…
// cpu_ms_per_connect=… mosquitto_cpu_ms_per_connect=… (CPU of the broker process per gateway, its pack included)
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '@zonetrace/db'
import { openBenchDB, round } from './bench-db.ts'
import { FLEET_METRICS, provisionFleet } from './bench-fleet.ts'
import { freePort } from './free-port.ts'
import { startFleet } from './reconnect-fleet.ts'
import type { ReconnectGateway, StormTimes } from './reconnect-protocol.ts'
import {
  type BrokerProcess,
  cpuMs,
  mosquittoBroker,
  mosquittoMissing,
  zonetraceBroker,
} from './reconnect-servers.ts'

const GATEWAYS = Number(process.env.BENCH_GATEWAYS) || 10_000
const JITTER_MS = Number(process.env.BENCH_JITTER_MS) || 1000
const WORKERS = Number(process.env.BENCH_WORKERS) || 2
const METRICS = FLEET_METRICS

const missing = mosquittoMissing()
if (missing) {
  console.error(`bench:reconnect compares against Eclipse Mosquitto: ${missing}`)
  process.exit(2)
}
raiseOpenFileLimit(GATEWAYS + 1000)

const bench = await openBenchDB()
console.log(
  `database: ${bench.label}; ${GATEWAYS} gateways, jitter 0–${JITTER_MS} ms, ${WORKERS} worker threads`,
)
const t0 = performance.now()
const gateways: ReconnectGateway[] = (await provisionFleet(bench.db, 'storm', GATEWAYS)).map((c) => ({
  gatewayId: c.gatewayId,
  password: c.password,
  sensorId: c.sensors[0]!.sensorId,
}))
console.log(`provisioned ${gateways.length} gateways in ${round((performance.now() - t0) / 1000, 1)} s`)
const childEnv = await bench.detach()

const tempDir = await mkdtemp(join(tmpdir(), 'zt-reconnect-'))
try {
  const ours = zonetraceBroker(await freePort(), childEnv)
  const mine = await storm(ours)
  const rows = await countReadings(childEnv)
  const expected = gateways.length * METRICS.length
  console.log(`readings in the database: ${rows} of ${expected}`)
  if (rows !== expected) throw new Error(`expected ${expected} committed readings, found ${rows}`)

  const mosquitto = await mosquittoBroker(
    await freePort(),
    tempDir,
    gateways.map((g) => ({ username: g.gatewayId, password: g.password })),
  )
  const peer = await storm(mosquitto)

  const [cps, peerCps] = [round(mine.connectsPerSecond), round(peer.connectsPerSecond)]
  const ratio = round(mine.connectsPerSecond / peer.connectsPerSecond, 2)
  const [connected, committed] = [round(mine.connectedS, 2), round(mine.committedS, 2)]
  const [cpu, peerCpu] = [round(mine.cpuMsPerConnect, 3), round(peer.cpuMsPerConnect, 3)]
  console.log(
    `RESULT connects_per_s=${cps} mosquitto_connects_per_s=${peerCps} ratio=${ratio} all_connected_s=${connected} all_committed_s=${committed} cpu_ms_per_connect=${cpu} mosquitto_cpu_ms_per_connect=${peerCpu}`,
  )
} finally {
  await rm(tempDir, { recursive: true, force: true })
  await bench.close()
}
process.exit(0)

interface StormFigures {
  connectsPerSecond: number
  connectedS: number
  committedS: number
  cpuMsPerConnect: number
}

/** Connect the fleet, kill -9 the broker, start it again, and time everyone's way back in. */
async function storm(broker: BrokerProcess): Promise<StormFigures> {
  const fleet = startFleet(gateways, WORKERS)
  try {
    await Promise.all([fleet.ready, broker.start()])
    let t = performance.now()
    const held = await fleet.connect(broker.port)
    console.log(
      `${broker.name}: ${held} gateways connected in ${round((performance.now() - t) / 1000, 1)} s (cold)`,
    )
    if (held !== gateways.length) throw new Error(`${broker.name}: only ${held} gateways could connect`)

    await broker.kill9()
    await fleet.dropped()
    t = performance.now()
    await broker.start()
    console.log(
      `${broker.name}: killed with SIGKILL, listening again after ${round(performance.now() - t)} ms`,
    )

    const cpuBefore = cpuMs(broker.pid())
    const overflowsBefore = listenOverflows()
    const startAt = Date.now() + 100
    const times = await fleet.storm(broker.port, startAt, JITTER_MS, Math.floor(startAt / 1000) * 1000)
    const cpu = cpuMs(broker.pid()) - cpuBefore
    const figures = summarise(broker.name, times, startAt, cpu)
    // A full accept queue drops SYNs, which the client resends after 1 s, 3 s, 7 s…: time no CPU explains.
    const why = Object.entries(times.why).map(([k, n]) => `${k} ×${n}`)
    console.log(
      `${broker.name}: listen queue overflows during the storm: ${listenOverflows() - overflowsBefore}` +
        (why.length > 0 ? `; failed attempts: ${why.join(', ')}` : ''),
    )
    await fleet.close()
    await broker.stop()
    return figures
  } catch (err) {
    await broker.kill9()
    await fleet.close()
    throw err
  }
}

function summarise(name: string, times: StormTimes, startAt: number, cpu: number): StormFigures {
  if (times.failed > 0) throw new Error(`${name}: ${times.failed} gateways never got back in`)
  const connectedS = (Math.max(...times.connackAt) - startAt) / 1000
  const committedS = (Math.max(...times.pubackAt) - startAt) / 1000
  const n = gateways.length
  const figures = { connectsPerSecond: n / connectedS, connectedS, committedS, cpuMsPerConnect: cpu / n }
  console.log(
    `${name}: all ${n} reconnected in ${round(connectedS, 2)} s (${round(figures.connectsPerSecond)}/s),` +
      ` all packs acknowledged in ${round(committedS, 2)} s; ${times.retries} retried attempts;` +
      ` broker CPU ${round(cpu)} ms (${round(figures.cpuMsPerConnect, 3)} ms a connect with its pack)`,
  )
  return figures
}

/** TcpExtListenOverflows of the whole machine (/proc/net/netstat): SYNs dropped on a full accept queue. */
function listenOverflows(): number {
  const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n')
  const header = lines.findIndex((l) => l.startsWith('TcpExt:'))
  const names = lines[header]!.split(' ')
  const values = lines[header + 1]!.split(' ')
  return Number(values[names.indexOf('ListenOverflows')] ?? 0)
}

async function countReadings(env: Record<string, string>): Promise<number> {
  const { db } = await openDatabase(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR! },
  )
  try {
    const [row] = await db.query<{ n: number }>('select count(*)::int as n from readings')
    return row!.n
  } finally {
    await db.close()
  }
}

/**
 * Every gateway is one socket in this process, and the brokers (children) inherit its limit: raise the soft
 * limit of open files to the hard one with prlimit(1) when it is too low, or say what to do.
 */
function raiseOpenFileLimit(needed: number): void {
  const limits = readFileSync('/proc/self/limits', 'utf8').match(/^Max open files\s+(\d+)\s+(\S+)/m)
  if (!limits) return
  const soft = Number(limits[1])
  const hard = limits[2] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(limits[2])
  if (soft >= needed) return
  if (hard < needed) {
    console.error(
      `bench:reconnect needs ${needed} open files; the hard limit is ${hard}: raise it (ulimit -Hn)`,
    )
    process.exit(2)
  }
  const raised = spawnSync('prlimit', ['--pid', String(process.pid), `--nofile=${needed}:${limits[2]}`])
  if (raised.status !== 0) {
    console.error(
      `bench:reconnect needs ${needed} open files (ulimit -n is ${soft}); run \`ulimit -n ${needed}\` first`,
    )
    process.exit(2)
  }
}
