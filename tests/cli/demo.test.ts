// `zonetrace demo` end to end as a user runs it: a child process on free ports, live data through the API,
// Ctrl-C, then a second run on the same DATA_DIR that reuses the seeded data and gateway secrets.
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { serverUrl } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { freePort } from '../helpers/net.ts'
import { sleep, until } from '../helpers/wait.ts'
import { type CliResult, createSandbox, runCli, startCli } from './cli-harness.ts'

interface DemoJson {
  apiUrl: string
  mqttUrl: string
  adminToken: string
  seriesUrl: string
  demoSensor: { sensorId: string; metric: string }
}

const sandbox = sharedFixture(async () =>
  createSandbox({ HTTP_PORT: String(await freePort()), MQTT_PORT: String(await freePort()) }),
)
const running: { kill(signal: NodeJS.Signals): boolean; exitCode: number | null }[] = []

afterAll(async () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL')
})

async function startDemo(): Promise<{
  stop(signal: NodeJS.Signals): Promise<CliResult>
  info: DemoJson
  stdout(): string
}> {
  const demo = startCli(['demo', '--interval', '1'], sandbox.env)
  running.push(demo.child)
  // The banner comes last, after demo.json is written and the simulator runs.
  await until(
    'the demo banner',
    async () => {
      const exited = demo.exited()
      if (exited) throw new Error(`demo exited early with ${exited.code}: ${exited.stderr}`)
      return demo.stdout().includes('Press Ctrl-C to stop.')
    },
    { timeoutMs: 90_000, intervalMs: 250 },
  )
  expect((await fetch(`http://127.0.0.1:${sandbox.env.HTTP_PORT}/health`)).status).toBe(200)
  const info = JSON.parse(await readFile(join(sandbox.dataDir, 'demo.json'), 'utf8')) as DemoJson
  expect(demo.stdout()).toContain(info.adminToken)
  return {
    info,
    stdout: () => demo.stdout(),
    stop(signal) {
      demo.child.kill(signal)
      return demo.done
    },
  }
}

describe('zonetrace demo', () => {
  it('serves live series, stops cleanly on SIGINT and reuses its data on a re-run', {
    timeout: 240_000,
  }, async () => {
    const first = await startDemo()
    const { info } = first
    expect(info.apiUrl).toBe(`http://localhost:${sandbox.env.HTTP_PORT}`)
    expect(info.mqttUrl).toBe(`mqtt://localhost:${sandbox.env.MQTT_PORT}`)
    expect((await stat(join(sandbox.dataDir, 'demo.json'))).mode & 0o777).toBe(0o600)
    expect((await stat(join(sandbox.dataDir, 'demo-gateways.json'))).mode & 0o777).toBe(0o600)
    // The open data the banner points at is there at once: every demo area, and the job's download files.
    expect(first.stdout()).toContain(`ogrinfo OAPIF:${info.apiUrl}/ogc growing-areas`)
    const areas = (await (await fetch(`${info.apiUrl}/ogc/collections/growing-areas/items`)).json()) as {
      numberMatched: number
    }
    expect(areas.numberMatched).toBe(5)
    expect((await fetch(`${info.apiUrl}/open/downloads/daily-water.csv`)).status).toBe(200)

    const points = await until(
      'points in the demo series',
      async () => {
        const res = await fetch(info.seriesUrl, { headers: { authorization: `Bearer ${info.adminToken}` } })
        const body = (await res.json()) as { points?: { avg: number; count: number }[] }
        return body.points && body.points.length > 0 ? body.points : undefined
      },
      // The API may still be starting: a refused fetch is "not yet".
      { timeoutMs: 60_000, intervalMs: 250, retryErrors: true },
    )
    expect(points[0]!.avg).toBeGreaterThan(0)

    // The seeded history has its daily compliance reports and rollups from the start, without a job run.
    const compliance = (await (
      await fetch(`${info.apiUrl}/api/v1/zones/DEMO-SHRIMP-HIEPMY/compliance`)
    ).json()) as { days?: unknown[] }
    expect(compliance.days?.length ?? 0).toBeGreaterThanOrEqual(28)
    const jobs = (await (
      await fetch(`${info.apiUrl}/api/v1/jobs`, { headers: { authorization: `Bearer ${info.adminToken}` } })
    ).json()) as { jobs: { name: string; runs: { status: string }[] }[] }
    expect(jobs.jobs.find((j) => j.name === 'rollups')?.runs[0]?.status).toBe('ok')

    if (!serverUrl) {
      // The embedded database belongs to the demo: an admin command says so instead of corrupting it.
      const busy = await runCli(
        ['gateway', 'add', '--id', 'gw-x', '--zone', 'DEMO-RICE-LONGHOA'],
        sandbox.env,
      )
      expect(busy.code).toBe(1)
      expect(busy.stderr).toMatch(/^zonetrace gateway add: the embedded database is in use by process \d+/)
    }

    // `zonetrace sim` finds the running demo (its API, or DATABASE_URL) and adds gateways of its own.
    const sim = startCli(
      ['sim', '--gateways', '2', '--sensors', '2', '--interval', '1', '--seed', '3'],
      sandbox.env,
    )
    running.push(sim.child)
    await until('the simulator to start', () => sim.stdout().includes('simulating 2 gateway'), {
      timeoutMs: 30_000,
      intervalMs: 250,
    })
    await sleep(2500)
    sim.child.kill('SIGINT')
    const simResult = await sim.done
    expect(simResult.code, simResult.stderr).toBe(0)
    expect(Number(/published (\d+) reading packs/.exec(simResult.stdout)?.[1])).toBeGreaterThan(0)

    const savedSecrets = await readFile(join(sandbox.dataDir, 'demo-gateways.json'), 'utf8')
    const stopped = await first.stop('SIGINT')
    expect(stopped.code, stopped.stderr).toBe(0)
    expect(stopped.stdout).toContain('Press Ctrl-C to stop.')

    // The lock is released: admin commands work again, and print the contract JSON.
    const added = await runCli(
      ['gateway', 'add', '--id', 'gw-extra', '--zone', 'DEMO-RICE-LONGHOA', '--sensors', 'salinity,ph'],
      sandbox.env,
    )
    expect(added.code, added.stderr).toBe(0)
    const creds = JSON.parse(added.stdout)
    expect(Object.keys(creds)).toEqual(['gatewayId', 'username', 'password', 'sensors'])
    expect(creds.sensors).toEqual([
      { sensorId: 'gw-extra-s1', metric: 'salinity' },
      { sensorId: 'gw-extra-s1', metric: 'ph' },
    ])

    const second = await startDemo()
    expect(await readFile(join(sandbox.dataDir, 'demo-gateways.json'), 'utf8')).toBe(savedSecrets)
    const zones = (await (await fetch(`${second.info.apiUrl}/api/v1/zones`)).json()) as {
      zones: { code: string }[]
    }
    expect(zones.zones.filter((z) => z.code.startsWith('DEMO-'))).toHaveLength(5)
    const again = await second.stop('SIGTERM')
    expect(again.code, again.stderr).toBe(0)
  })
})
