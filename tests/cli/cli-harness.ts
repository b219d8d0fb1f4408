// Runs the real `zonetrace` bin as a child process with its own DATA_DIR (and, on the server backend, its
// own database), so CLI tests see exactly what a user sees: exit codes, stdout, stderr.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { getTestDB, serverUrl, type TestDB } from '../helpers/db.ts'

export const BIN = fileURLToPath(new URL('../../bin/zonetrace.js', import.meta.url))
const CONFIG_VARS = [
  'DATABASE_URL',
  'DATA_DIR',
  'HTTP_PORT',
  'MQTT_PORT',
  'MQTT_WS_PORT',
  'METRICS_PORT',
  'REDIS_URL',
  'LOG_LEVEL',
  'HOST',
]

export interface CliSandbox {
  dataDir: string
  env: NodeJS.ProcessEnv
  close(): Promise<void>
}

/** A temp DATA_DIR, plus a fresh migrated database when the suite runs against a server. */
export async function createSandbox(extra: Record<string, string> = {}): Promise<CliSandbox> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zonetrace-cli-'))
  let testDb: TestDB | undefined
  if (serverUrl) testDb = await getTestDB()
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of CONFIG_VARS) delete env[name]
  // Ports a test does not pick itself are left to the OS (0), so parallel files never collide on a default.
  Object.assign(
    env,
    { DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', MQTT_WS_PORT: '0', METRICS_PORT: '0' },
    extra,
  )
  if (testDb?.url) env.DATABASE_URL = testDb.url
  return {
    dataDir,
    env,
    async close() {
      await testDb?.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface RunningCli {
  child: ChildProcess
  done: Promise<CliResult>
  /** Output so far, while it runs. */
  stdout(): string
  stderr(): string
  exited(): CliResult | undefined
}

export function startCli(args: string[], env: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    env,
    cwd: tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d
  })
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d
  })
  let result: CliResult | undefined
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      result = { code, signal, stdout, stderr }
      resolve(result)
    })
  })
  return { child, done, stdout: () => stdout, stderr: () => stderr, exited: () => result }
}

export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return startCli(args, env).done
}

// tests/broker imports freePort from here.
export { freePort } from '../helpers/net.ts'
