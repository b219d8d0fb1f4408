import type { AuthKeys } from '@zonetrace/api'
import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { loadContext } from '../context.ts'
import { CliError, UsageError } from '../errors.ts'

const ROLES = ['admin', 'officer', 'cooperative'] as const
type Role = (typeof ROLES)[number]

export const tokenCommand: Command = {
  name: 'token create',
  summary: 'print an API bearer token',
  usage: `Usage: zonetrace token create --role admin|officer|cooperative [--cooperative ID] [--subject NAME]
                              [--expires-in 30d]

Prints one bearer token for the HTTP API (Authorization: Bearer …), signed with the key in DATA_DIR/keys
(made on first use). --cooperative is required for, and only allowed with, the cooperative role.
--expires-in takes 30d, 12h, 90m or seconds (default 30d). Needs no database, so it works while the demo
or the API is running on the same DATA_DIR.`,
  async run(args) {
    const [sub, ...rest] = args
    if (sub !== 'create')
      throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'missing subcommand "create"')
    const { values } = parseCommandArgs(rest, ['role', 'cooperative', 'subject', 'expires-in'])
    const role = values.role as Role | undefined
    if (role === undefined) throw new UsageError('--role is required')
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`)
    if (role === 'cooperative' && !values.cooperative)
      throw new UsageError('--cooperative ID is required with --role cooperative')
    if (role !== 'cooperative' && values.cooperative)
      throw new UsageError('--cooperative only goes with --role cooperative')

    const { config } = loadContext()
    const { createToken, loadOrCreateAuthKeys } = await import('@zonetrace/api')
    let keys: AuthKeys
    try {
      keys = await loadOrCreateAuthKeys(config.dataDir)
    } catch (err) {
      throw new CliError(`cannot load the token signing key: ${(err as Error).message}`)
    }
    let token: string
    try {
      token = await createToken(keys, {
        role,
        cooperativeId: values.cooperative,
        subject: values.subject,
        expiresIn: values['expires-in'],
      })
    } catch (err) {
      // Everything createToken checks came from the flags.
      throw new UsageError((err as Error).message)
    }
    process.stdout.write(`${token}\n`)
  },
}
