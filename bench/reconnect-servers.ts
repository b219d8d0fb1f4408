// The two brokers bench:reconnect storms: zonetrace's own (`zonetrace broker`, a child process so its CPU is
// read alone from /proc) and Debian's Eclipse Mosquitto as the peer anchor. Both can be killed with
// SIGKILL and started again on the same port, which is the outage the bench replays.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { spawnBroker } from './bench-fleet.ts'

export interface BrokerProcess {
  readonly name: string
  readonly port: number
  /** The running process; throws when none is. */
  pid(): number
  start(): Promise<void>
  /** SIGKILL, as a crash or an OOM kill would: no goodbye to any client. */
  kill9(): Promise<void>
  stop(): Promise<void>
}

/** utime + stime of a process in milliseconds (Linux /proc; USER_HZ is 100 by the kernel's ABI). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** `zonetrace broker`; BENCH_BROKER_NODE_ARGS adds node flags, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`. */
export function zonetraceBroker(port: number, env: Record<string, string>): BrokerProcess {
  const nodeArgs = (process.env.BENCH_BROKER_NODE_ARGS ?? '').split(' ').filter(Boolean)
  return managed('zonetrace', port, () => {
    return spawnBroker(port, env, nodeArgs)
  })
}

export const MOSQUITTO = '/usr/sbin/mosquitto'

export function mosquittoMissing(): string | null {
  if (!existsSync(MOSQUITTO))
    return `${MOSQUITTO} is missing: install Debian's mosquitto (apt-get install mosquitto)`
  if (spawnSync('mosquitto_passwd', ['-h']).error)
    return 'mosquitto_passwd is missing (Debian package mosquitto)'
  return null
}

/**
 * Mosquitto with one user per gateway and nothing stored. The password file is written in clear and hashed
 * in place by `mosquitto_passwd -U`, one process for all users instead of one per user.
 */
export async function mosquittoBroker(
  port: number,
  dir: string,
  users: { username: string; password: string }[],
): Promise<BrokerProcess> {
  const passwd = join(dir, 'passwd')
  await writeFile(passwd, users.map((u) => `${u.username}:${u.password}\n`).join(''), { mode: 0o600 })
  const hashed = spawnSync('mosquitto_passwd', ['-U', passwd], { encoding: 'utf8' })
  if (hashed.status !== 0) throw new Error(`mosquitto_passwd -U failed: ${hashed.stderr}`)
  const conf = join(dir, 'mosquitto.conf')
  await writeFile(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${passwd}`,
      'persistence false',
      'max_connections -1',
      'max_queued_messages 1000',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      // Started as root, mosquitto drops to the `mosquitto` user, which could not read the temp folder.
      `user ${userInfo().username}`,
      '',
    ].join('\n'),
  )
  return managed('mosquitto', port, () => {
    const child = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] })
    const ready = new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`mosquitto exited with ${code} before listening`)))
      void untilListening(port).then(resolve, reject)
    })
    return { child, ready }
  })
}

function managed(
  name: string,
  port: number,
  launch: () => { child: ChildProcess; ready: Promise<void> },
): BrokerProcess {
  let child: ChildProcess | undefined
  const exited = (c: ChildProcess) =>
    c.exitCode !== null || c.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((r) => c.once('exit', () => r()))
  return {
    name,
    port,
    pid() {
      if (!child?.pid) throw new Error(`${name} is not running`)
      return child.pid
    },
    async start() {
      const launched = launch()
      child = launched.child
      await launched.ready
    },
    async kill9() {
      if (!child) return
      child.kill('SIGKILL')
      await exited(child)
      child = undefined
    },
    async stop() {
      if (!child) return
      child.kill('SIGTERM')
      await exited(child)
      child = undefined
    },
  }
}

async function untilListening(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ port, host: '127.0.0.1' })
      s.once('connect', () => {
        s.destroy()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
    if (ok) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`)
}
