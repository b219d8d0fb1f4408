import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SIM_KINDS } from '@zonetrace/cli'
import { ZONE_PROFILES } from '@zonetrace/firmware-sim'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { createSandbox, runCli } from './cli-harness.ts'

const sandbox = sharedFixture(createSandbox)

describe('zonetrace command line', () => {
  it('prints help for the tool and for each command, and refuses unknown commands with exit 2', async () => {
    const top = await runCli(['--help'], sandbox.env)
    expect(top.code).toBe(0)
    for (const name of ['demo', 'broker', 'api', 'sim', 'migrate', 'gateway add', 'token create']) {
      expect(top.stdout).toContain(`  ${name} `)
    }
    // Every keys subcommand is named in the overview, not only rotate.
    expect(top.stdout).toMatch(/ {2}keys +rotate, revoke --kid KID or list/)
    const gw = await runCli(['gateway', 'add', '--help'], sandbox.env)
    expect(gw.code).toBe(0)
    expect(gw.stdout).toContain('Usage: zonetrace gateway add --id ID --zone CODE')
    const unknown = await runCli(['frobnicate'], sandbox.env)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown command "frobnicate"')
  })

  it('offers exactly the zone kinds the simulator models in `sim --kind`', () => {
    expect([...SIM_KINDS].sort()).toEqual(Object.keys(ZONE_PROFILES).sort())
  })

  it('treats a cooperative token without --cooperative as a usage error', async () => {
    const r = await runCli(['token', 'create', '--role', 'cooperative'], sandbox.env)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('--cooperative ID is required with --role cooperative')
  })

  it('prints exactly one token for a valid role', async () => {
    const r = await runCli(
      ['token', 'create', '--role', 'cooperative', '--cooperative', 'vicosap'],
      sandbox.env,
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/)
  })

  it('runs edge-agent only with a valid config and lists every problem of a bad one', async () => {
    const missing = await runCli(['edge-agent'], sandbox.env)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--config FILE is required')
    const config = join(sandbox.dataDir, 'agent.json')
    await writeFile(
      config,
      JSON.stringify({ gatewayId: 'gw 1', brokerUrl: 'http://x', spool: { whenFull: 'never' } }),
    )
    const bad = await runCli(['edge-agent', '--config', config], sandbox.env)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('dataDir')
    expect(bad.stderr).toContain('/brokerUrl')
    expect(bad.stderr).toContain('/spool/whenFull')
    expect(bad.stderr).not.toContain('    at ')
  })

  it('rotates, lists and revokes label keys without ever printing a private key', async () => {
    const a = await runCli(['keys', 'rotate'], sandbox.env)
    expect(a.code).toBe(0)
    const { kid } = JSON.parse(a.stdout)
    const rotated = await runCli(['keys', 'rotate'], sandbox.env)
    expect(rotated.code, rotated.stderr).toBe(0)
    const b = JSON.parse(rotated.stdout)
    const list = await runCli(['keys', 'list'], sandbox.env)
    expect(list.code, list.stderr).toBe(0)
    expect(JSON.parse(list.stdout).map((k: { kid: string; active: boolean }) => [k.kid, k.active])).toEqual([
      [kid, false],
      [b.kid, true],
    ])
    expect(`${a.stdout}${list.stdout}`).not.toContain('"d"')
    const revoked = await runCli(['keys', 'revoke', '--kid', b.kid], sandbox.env)
    expect(revoked.code, revoked.stderr).toBe(0)
    expect(JSON.parse(revoked.stdout)).toMatchObject({ kid: b.kid, revokedAt: expect.any(String) })
    const unknown = await runCli(['keys', 'revoke', '--kid', 'nope'], sandbox.env)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no label key with kid "nope"')
  })

  it('migrates twice without error', { timeout: 120_000 }, async () => {
    for (let i = 0; i < 2; i++) {
      const r = await runCli(['migrate'], sandbox.env)
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/^migrations applied to the (server|embedded) database/)
    }
  })

  it('refuses a gateway in an unknown growing area with a message and no stack trace', {
    timeout: 60_000,
  }, async () => {
    const r = await runCli(['gateway', 'add', '--id', 'gw-1', '--zone', 'NO-SUCH-ZONE'], sandbox.env)
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('zonetrace gateway add: unknown growing area "NO-SUCH-ZONE"\n')
  })
})
