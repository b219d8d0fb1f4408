import type { Command } from '../command.ts'
import { CliError } from '../errors.ts'

function unavailable(name: string, summary: string, usage: string): Command {
  return {
    name,
    summary: `${summary} (not available yet)`,
    usage: `${usage}\n\nThis command is not available yet.`,
    run: () => Promise.reject(new CliError('not available yet')),
  }
}

export const unavailableCommands: Command[] = [
  unavailable('labels', 'signed labels for a lot', 'Usage: zonetrace labels --lot ID --count N --out DIR'),
]
