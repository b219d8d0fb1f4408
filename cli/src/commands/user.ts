// Console accounts from the command line: the first admin has to come from somewhere, and an admin who
// forgot their password needs a way back in. Each change is written to the audit log as `cli`.
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { LANGS, type Lang, TOKEN_ROLES, type TokenRole, type User } from '@zonetrace/contracts'
import type { Database } from '@zonetrace/db'
import { parseCommandArgs, required } from '../args.ts'
import type { Command } from '../command.ts'
import { loadContext, openConfiguredDatabase } from '../context.ts'
import { CliError, UsageError } from '../errors.ts'

const SUBCOMMANDS = ['add', 'disable', 'enable', 'reset-password'] as const
type Subcommand = (typeof SUBCOMMANDS)[number]

export const userCommand: Command = {
  name: 'user',
  summary: 'add, disable, enable a console account or reset its password',
  usage: `Usage: zonetrace user add --email EMAIL --name "NAME" --role admin|officer|cooperative
                          [--cooperative ID] [--lang vi|en] [--password-file PATH|-]
       zonetrace user disable|enable --email EMAIL
       zonetrace user reset-password --email EMAIL [--password-file PATH|-]

Accounts sign in to the console at /console. Without --password-file the platform makes a password and
prints it this once; with it, the password is the file's first line ("-" reads standard input), at least
10 characters, so it never appears in the process list or the shell history. Disabling an account or resetting its password
ends all of its sessions at once. Every change is written to the audit log as "cli".

Works on DATABASE_URL, or on the embedded database under DATA_DIR when no other process holds it.`,
  async run(args) {
    const [sub, ...rest] = args
    if (!SUBCOMMANDS.includes(sub as Subcommand)) {
      throw new UsageError(
        sub ? `unknown subcommand "${sub}"` : `missing subcommand: ${SUBCOMMANDS.join(', ')}`,
      )
    }
    const { values } = parseCommandArgs(rest, [
      'email',
      'name',
      'role',
      'cooperative',
      'lang',
      'password-file',
    ])
    const email = required(values.email, 'email')
    const ctx = loadContext()
    const db = await import('@zonetrace/db')
    const { db: database } = await openConfiguredDatabase(ctx)
    try {
      const run = async (): Promise<{ user: User; password?: string }> => {
        if (sub === 'add') {
          const role = values.role as TokenRole | undefined
          if (!role || !TOKEN_ROLES.includes(role))
            throw new UsageError(`--role must be one of ${TOKEN_ROLES.join(', ')}`)
          const lang = (values.lang ?? 'vi') as Lang
          if (!LANGS.includes(lang)) throw new UsageError(`--lang must be one of ${LANGS.join(', ')}`)
          const password = await passwordFrom(values['password-file'])
          const user = await db.createUser(database, {
            email,
            displayName: required(values.name, 'name'),
            role,
            cooperativeId: values.cooperative,
            lang,
            password: password.value,
          })
          return { user, ...(password.made ? { password: password.value } : {}) }
        }
        if (sub === 'reset-password') {
          const password = await passwordFrom(values['password-file'])
          const user = await db.setUserPassword(database, email, password.value)
          return { user, ...(password.made ? { password: password.value } : {}) }
        }
        return { user: await db.setUserDisabled(database, email, sub === 'disable') }
      }
      const { user, password } = await run().catch((err: unknown) => {
        throw err instanceof db.RegistryError ? new CliError(err.message) : err
      })
      await audit(db.writeAudit, database, sub as Subcommand, user)
      const out = {
        email: user.email,
        role: user.role,
        disabled: user.disabled,
        ...(password ? { password } : {}),
      }
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
    } finally {
      await database.close()
    }
  },
}

/** The first line of --password-file (`-`: standard input), or one the platform makes: 96 random bits. */
async function passwordFrom(file: string | undefined): Promise<{ value: string; made: boolean }> {
  if (file === undefined) return { value: randomBytes(12).toString('base64url'), made: true }
  const text =
    file === '-'
      ? await readStdin()
      : await readFile(file, 'utf8').catch((err: Error) => {
          throw new CliError(`cannot read --password-file ${file}: ${err.message}`)
        })
  const value = text.split(/\r?\n/)[0] ?? ''
  if (value === '') throw new UsageError(`--password-file ${file}: the first line is empty`)
  return { value, made: false }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

async function audit(
  write: typeof import('@zonetrace/db').writeAudit,
  database: Database,
  sub: Subcommand,
  user: User,
): Promise<void> {
  await write(database, {
    userId: user.id,
    actor: 'cli',
    action: `user ${sub}`,
    target: user.email,
    detail: { role: user.role },
    address: null,
  })
}
