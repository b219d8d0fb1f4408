// A private TimescaleDB cluster for tests that stop and restart a real server. It runs in the debootstrap
// chroot that scripts/timescaledb-dev.sh builds (TSDB_ROOT), with its own data directory under the
// chroot's /tmp and its own port, so the shared server at DATABASE_URL keeps serving the other test files.
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { isProcessAlive } from '@zonetrace/contracts'
import pg from 'pg'

const run = promisify(execFile)
const ROOT = process.env.TSDB_ROOT || '/var/cache/zonetrace/tsdb-trixie'
const BIN = '/usr/lib/postgresql/17/bin'
const PREFIX = 'zt-tsdb-'
const SETTINGS = [
  'listen_addresses=127.0.0.1',
  'unix_socket_directories=/tmp',
  'shared_preload_libraries=timescaledb',
  // No /dev/shm inside the chroot.
  'dynamic_shared_memory_type=mmap',
  'timescaledb.telemetry_level=off',
  'fsync=on',
]

export interface TsdbInstance {
  /** postgres:// URL of the database `zonetrace` in this cluster. */
  url: string
  port: number
  /** `immediate` is a crash as far as clients see it: connections cut, no checkpoint. */
  stop(mode: 'immediate' | 'fast'): Promise<void>
  start(): Promise<void>
  /** Stops the cluster and deletes its files. */
  destroy(): Promise<void>
  /** The server's own log, for a failing test's message. */
  serverLog(): Promise<string>
}

/** Why a private cluster cannot run here, or undefined when it can. */
export function tsdbUnavailableReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to chroot into the TimescaleDB tree'
  if (!existsSync(join(ROOT, BIN, 'postgres')))
    return `no TimescaleDB chroot at ${ROOT} (scripts/timescaledb-dev.sh up builds it)`
  return undefined
}

export async function startTsdbInstance(): Promise<TsdbInstance> {
  const reason = tsdbUnavailableReason()
  if (reason) throw new Error(reason)
  await ensureProc()
  await sweepAbandoned()
  const dir = `/tmp/${PREFIX}${process.pid}-${Math.random().toString(36).slice(2, 8)}`
  const port = await freePort()
  await asPostgres(`${BIN}/initdb -D ${dir} -U postgres --auth=trust -E UTF8 --no-sync`)
  const instance: TsdbInstance = {
    url: `postgres://postgres@127.0.0.1:${port}/zonetrace`,
    port,
    async start() {
      const options = [`-c port=${port}`, ...SETTINGS.map((s) => `-c ${s}`)].join(' ')
      await asPostgres(`${BIN}/pg_ctl -D ${dir} -l ${dir}.log -w -t 60 -o '${options}' start`)
    },
    async stop(mode) {
      await asPostgres(`${BIN}/pg_ctl -D ${dir} -m ${mode} -w -t 60 stop`)
    },
    async destroy() {
      await asPostgres(`${BIN}/pg_ctl -D ${dir} -m immediate -w stop`).catch(() => {})
      rmSync(join(ROOT, dir), { recursive: true, force: true })
      rmSync(join(ROOT, `${dir}.log`), { force: true })
    },
    serverLog: () => asPostgres(`tail -n 50 ${dir}.log`).catch((err: Error) => err.message),
  }
  try {
    await instance.start()
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` })
    await admin.connect()
    await admin.query('create database zonetrace').finally(() => admin.end())
  } catch (err) {
    await instance.destroy()
    throw err
  }
  return instance
}

async function asPostgres(command: string): Promise<string> {
  const { stdout } = await run('chroot', [ROOT, 'su', 'postgres', '-s', '/bin/sh', '-c', command], {
    timeout: 90_000,
  })
  return stdout
}

/** PostgreSQL reads /proc; scripts/timescaledb-dev.sh mounts it too and unmounts it on `down`. */
async function ensureProc(): Promise<void> {
  if (existsSync(join(ROOT, 'proc/self'))) return
  await run('mount', ['-t', 'proc', 'proc', join(ROOT, 'proc')])
}

/** Clusters left behind by a test process that was killed: stopped and deleted. */
async function sweepAbandoned(): Promise<void> {
  for (const name of readdirSync(join(ROOT, 'tmp'))) {
    const owner = new RegExp(`^${PREFIX}(\\d+)-[a-z0-9]+$`).exec(name)?.[1]
    if (!owner || isProcessAlive(Number(owner))) continue
    await asPostgres(`${BIN}/pg_ctl -D /tmp/${name} -m immediate -w stop`).catch(() => {})
    rmSync(join(ROOT, 'tmp', name), { recursive: true, force: true })
    rmSync(join(ROOT, 'tmp', `${name}.log`), { force: true })
  }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
