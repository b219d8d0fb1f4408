// `zonetrace sim` as a user runs it: the real bin in a child process, real files, a real local broker.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSandbox, runCli, startCli } from '../cli/cli-harness.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { until } from '../helpers/wait.ts'
import { startLocalBroker } from './local-broker.ts'

const sandbox = sharedFixture(createSandbox)

describe('zonetrace sim', () => {
  it('documents every flag in --help', async () => {
    const r = await runCli(['sim', '--help'], sandbox.env)
    expect(r.code).toBe(0)
    for (const flag of [
      '--faults',
      '--target',
      '--dir',
      '--station',
      '--username',
      '--password',
      '--start',
      '--connect-rate',
      'domestic_water_intake',
      'power-loss',
      'clock-skew',
    ]) {
      expect(r.stdout).toContain(flag)
    }
  })

  it.each([
    [['--faults', 'fouling,gremlins'], /--faults: unknown fault "gremlins"/],
    [['--target', 'carrier-pigeon'], /--target must be one of broker, agent-mqtt, circular10/],
    [['--target', 'circular10', '--station', 'S1'], /--dir is required with --target circular10/],
    [['--target', 'circular10', '--dir', '/tmp/x', '--station', 'S1', '--gateways', '2'], /one station/],
    [['--username', 'u', '--password', 'p'], /--username only applies to --target agent-mqtt/],
  ])('refuses %j with a usage error', async (args, message) => {
    const r = await runCli(['sim', ...args], sandbox.env)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
  })

  it('--target circular10 writes station files until Ctrl-C', async () => {
    const dir = join(sandbox.dataDir, 'station')
    const args = ['--target', 'circular10', '--dir', dir, '--station', 'TV_LABANG', '--interval', '60']
    const sim = startCli(['sim', ...args, '--speed', '600', '--seed', '2', '--faults', 'all'], sandbox.env)
    await until('station files', async () => (await readdir(dir).catch(() => [])).length >= 5, {
      timeoutMs: 30_000,
      intervalMs: 250,
    })
    sim.child.kill('SIGINT')
    const r = await sim.done
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('faults fouling,stuck,spikes,dropouts,clock-skew,power-loss')
    const written = Number(/wrote (\d+) station files/.exec(r.stdout)?.[1])
    const names = await readdir(dir)
    expect(names.every((n) => /^TV_LABANG_\d{14}\.txt$/.test(n))).toBe(true)
    expect(names.length).toBe(written)
  })

  it('--target agent-mqtt publishes node packs to a local broker without provisioning', async () => {
    const broker = await startLocalBroker()
    try {
      const sim = startCli(
        [
          'sim',
          '--target',
          'agent-mqtt',
          '--url',
          broker.url,
          '--gateways',
          '2',
          '--interval',
          '60',
          '--speed',
          '600',
        ],
        sandbox.env,
      )
      await until(
        'node packs',
        () => {
          const topics = new Set(broker.received.map((r) => r.topic))
          return topics.has('zt/v1/local/node-1/readings') && topics.has('zt/v1/local/node-2/readings')
        },
        { timeoutMs: 30_000, intervalMs: 250 },
      )
      sim.child.kill('SIGINT')
      const r = await sim.done
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toMatch(/published \d+ reading packs/)
    } finally {
      await broker.close()
    }
  })
})
