// Where bench:open's API runs. On a database server it is its own process (`zonetrace api`), beside the
// broker, as docker-compose.yml deploys them; the embedded database has one owner, so there the API shares
// the process with the broker, as `zonetrace demo` runs them. Either way the jobs the public routes read
// from (the rollups and, once it exists, the open-data files) have run first, once.
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { loadOrCreateAuthKeys, startApi } from '@zonetrace/api'
import { loadConfig } from '@zonetrace/contracts'
import { consolePages } from '@zonetrace/dashboards'
import { type Database, openDatabase } from '@zonetrace/db'
import type { BenchDB } from './bench-db.ts'
import { freePort } from './free-port.ts'

export interface OpenApi {
  origin: string
  /** The database handle the broker writes through (this process's). */
  db: Database
  where: 'own process' | 'same process as the broker'
  /** Jobs run before the load, with their outcome, for the log. */
  jobs: string[]
  close(): Promise<void>
}

export async function startOpenApi(bench: BenchDB, env: Record<string, string>): Promise<OpenApi> {
  const config = loadConfig(env)
  const keys = await loadOrCreateAuthKeys(config.dataDir)
  const api = await startApi({
    db: bench.db,
    capabilities: bench.capabilities,
    config,
    keys,
    pages: [consolePages],
    port: 0,
    host: '127.0.0.1',
    logger: false,
  })
  const jobs: string[] = []
  for (const name of ['rollups', 'open-data']) {
    if (!api.app.jobs.find(name)) {
      jobs.push(`${name}: no such job`)
      continue
    }
    const started = performance.now()
    const run = await api.app.jobs.run(name)
    jobs.push(`${name}: ${run.status} in ${Math.round(performance.now() - started)} ms`)
  }
  if (!process.env.DATABASE_URL) {
    return {
      origin: api.url,
      db: bench.db,
      where: 'same process as the broker',
      jobs,
      close: () => api.close(),
    }
  }
  await api.close()
  const childEnv = await bench.detach()
  const { db } = await openDatabase({ databaseUrl: childEnv.DATABASE_URL! })
  const port = await freePort()
  const child = await spawnApi({ ...env, ...childEnv, HTTP_PORT: String(port) })
  return {
    origin: `http://127.0.0.1:${port}`,
    db,
    where: 'own process',
    jobs,
    async close() {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      await db.close()
    },
  }
}

function spawnApi(env: Record<string, string>): Promise<ChildProcess> {
  const bin = fileURLToPath(new URL('../bin/zonetrace.js', import.meta.url))
  const child = spawn(process.execPath, [bin, 'api'], {
    env: { ...process.env, ...env, HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // autocannon hangs up mid-answer when a phase ends, which the API logs as an error each time; the rest
  // of its log passes through.
  let hungUp = 0
  child.stderr!.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) {
      if (line.includes('premature close')) hungUp++
      else if (line.trim()) process.stderr.write(`${line}\n`)
    }
  })
  child.once(
    'exit',
    () => hungUp > 0 && console.log(`  (the API logged ${hungUp} answers cut off by clients hanging up)`),
  )
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`zonetrace api exited with ${code} before listening`)))
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) resolve(child)
    })
  })
}
