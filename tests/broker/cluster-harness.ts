// Real processes for the cluster test: a throwaway redis-server, and `zonetrace broker` started the way an
// operator starts it, each on its own port with the same REDIS_URL and DATABASE_URL.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BIN, freePort } from '../cli/cli-harness.ts'
import { until } from '../helpers/wait.ts'

/** Why the cluster test cannot run here, or undefined when it can. */
export function clusterSkipReason(databaseUrl: string | undefined): string | undefined {
  if (!databaseUrl) {
    return 'needs DATABASE_URL: two broker processes cannot share one embedded (PGlite) database'
  }
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' })
  if (probe.error) return 'redis-server not found (Debian package redis-server)'
  return undefined
}

export interface Child {
  process: ChildProcess
  output(): string
  /** SIGTERM, then SIGKILL if it has not exited within the grace period; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>
  /** kill -9: the process gets no chance to close anything; resolves once it is gone. */
  kill(): Promise<void>
}

function track(child: ChildProcess): Child {
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    output += d
  })
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    output += d
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    process: child,
    output: () => output,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      const code = await exited
      clearTimeout(timer)
      return code
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGKILL')
      await exited
    },
  }
}

/** A redis-server on a free port, or on `port` (a restart of one that stopped). */
export async function startRedis(port?: number): Promise<{ url: string; port: number; child: Child }> {
  port ??= await freePort()
  const child = track(
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  )
  await until('redis-server to accept connections', () => canConnect(port), {
    timeoutMs: 10_000,
    intervalMs: 250,
    retryErrors: true,
  })
  return { url: `redis://127.0.0.1:${port}`, port, child }
}

function canConnect(port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(undefined))
  })
}

export interface BrokerProcess {
  child: Child
  mqttUrl: string
  metricsUrl: string
}

const CONFIG_VARS = [
  'DATABASE_URL',
  'DATA_DIR',
  'MQTT_PORT',
  'MQTT_WS_PORT',
  'METRICS_PORT',
  'REDIS_URL',
  'HOST',
  'BROKER_HEARTBEAT_MS',
]

/** `zonetrace broker` as an operator starts it; `extraEnv` adds settings (BROKER_HEARTBEAT_MS). */
export async function startBrokerProcess(
  databaseUrl: string,
  redisUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<BrokerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zonetrace-cluster-'))
  const mqttPort = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of CONFIG_VARS) delete env[name]
  Object.assign(env, {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    MQTT_PORT: String(mqttPort),
    MQTT_WS_PORT: '0',
    METRICS_PORT: '0',
    REDIS_URL: redisUrl,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  })
  const child = track(spawn(process.execPath, [BIN, 'broker'], { env, stdio: ['ignore', 'pipe', 'pipe'] }))
  child.process.once('exit', () => void rm(dataDir, { recursive: true, force: true }))
  const metricsPort = await until(
    'the broker process to listen',
    async () => {
      if (child.process.exitCode !== null) throw new Error(`broker exited early:\n${child.output()}`)
      return /metrics at http:\/\/localhost:(\d+)\/metrics/.exec(child.output())?.[1]
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  )
  return {
    child,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
  }
}
