import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { loadContext } from '../context.ts'
import { CliError, UsageError } from '../errors.ts'

export const keysCommand: Command = {
  name: 'keys',
  summary: 'rotate, revoke --kid KID or list the QR label signing keys; earlier public keys stay in the JWKS',
  usage: `Usage: zonetrace keys rotate
       zonetrace keys revoke --kid KID
       zonetrace keys list

Label signing keys live in DATA_DIR/keys/labels (one file per key, mode 0600). 'rotate' adds a key that
signs from now on; every earlier key stays published in /.well-known/jwks.json, so labels already printed
keep verifying. 'revoke' withdraws a compromised key: every label it signed then reads as not authentic,
and its file keeps only the public part (the private key is erased). Each prints JSON; private keys are
never printed.`,
  async run(args) {
    const [sub, ...rest] = args
    const { values } = parseCommandArgs(rest, ['kid'])
    const { config } = loadContext()
    const { openLabelKeyring, UnknownLabelKeyError } = await import('@zonetrace/api')
    const keyring = openLabelKeyring(config.dataDir)
    let out: unknown
    if (sub === 'rotate') out = await keyring.rotate()
    else if (sub === 'list') out = await keyring.list()
    else if (sub === 'revoke') {
      if (!values.kid) throw new UsageError('--kid KID is required')
      out = await keyring.revoke(values.kid).catch((err: unknown) => {
        throw err instanceof UnknownLabelKeyError ? new CliError(err.message) : err
      })
    } else
      throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'missing subcommand: rotate, revoke or list')
    process.stdout.write(`${JSON.stringify(out)}\n`)
  },
}
