// `zonetrace user`: console accounts from the command line, as an operator makes the first admin.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { createSandbox, runCli } from './cli-harness.ts'

const sandbox = sharedFixture(createSandbox)

describe('zonetrace user', () => {
  it('adds an admin with a made-up password shown once, then refuses the same email again', async () => {
    const added = await runCli(
      ['user', 'add', '--email', 'Admin@Tinh.example', '--name', 'Quản trị', '--role', 'admin'],
      sandbox.env,
    )
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
    expect(JSON.parse(added.stdout)).toEqual({
      email: 'admin@tinh.example',
      role: 'admin',
      disabled: false,
      password: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
    })
    const again = await runCli(
      ['user', 'add', '--email', 'admin@tinh.example', '--name', 'X', '--role', 'admin'],
      sandbox.env,
    )
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('an account for admin@tinh.example already exists')
  }, 60_000)

  it('takes a password from a file, disables and resets, and refuses bad flags as usage errors', async () => {
    const file = join(sandbox.env.DATA_DIR!, 'pw.txt')
    await writeFile(file, 'một mật khẩu đủ dài\n')
    const added = await runCli(
      [
        'user',
        'add',
        '--email',
        'lan@tinh.example',
        '--name',
        'Lan',
        '--role',
        'officer',
        '--password-file',
        file,
      ],
      sandbox.env,
    )
    expect(JSON.parse(added.stdout)).toEqual({ email: 'lan@tinh.example', role: 'officer', disabled: false })
    const off = await runCli(['user', 'disable', '--email', 'lan@tinh.example'], sandbox.env)
    expect(JSON.parse(off.stdout)).toMatchObject({ disabled: true })
    const reset = await runCli(['user', 'reset-password', '--email', 'LAN@tinh.example'], sandbox.env)
    expect(JSON.parse(reset.stdout).password).toMatch(/^[A-Za-z0-9_-]{16}$/)

    const role = await runCli(
      ['user', 'add', '--email', 'a@b.example', '--name', 'A', '--role', 'boss'],
      sandbox.env,
    )
    expect(role.code).toBe(2)
    expect(role.stderr).toContain('--role must be one of admin, officer, cooperative')
    const coop = await runCli(
      ['user', 'add', '--email', 'c@b.example', '--name', 'C', '--role', 'cooperative'],
      sandbox.env,
    )
    expect(coop.code).toBe(1)
    expect(coop.stderr).toContain('a cooperative account needs the cooperative it works for')
    const nobody = await runCli(['user', 'disable', '--email', 'nobody@b.example'], sandbox.env)
    expect(nobody.code).toBe(1)
    expect(nobody.stderr).toContain('no account for nobody@b.example')
  }, 120_000)
})
