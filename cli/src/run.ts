// Dispatches `zonetrace <command>` and turns errors into exit codes: 2 for usage errors, 1 for failures.
// Errors the user can act on print their message only; other errors add a stack trace with LOG_LEVEL=debug.
// Commands load their heavy packages inside run(), so `zonetrace --help` starts in a fraction of a second.
import { ConfigError, loadConfig } from '@zonetrace/contracts'
import type { Command } from './command.ts'
import { commands } from './commands/index.ts'
import { CliError, UsageError } from './errors.ts'

const EXIT_OK = 0
const EXIT_FAILURE = 1
const EXIT_USAGE = 2

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'Usage: zonetrace <command> [options]',
    '',
    'Open IoT monitoring and traceability for Mekong Delta growing areas.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'zonetrace <command> --help' for a command's options. Configuration comes from the environment:",
    'DATABASE_URL, DATA_DIR, MQTT_PORT, MQTT_WS_PORT, HTTP_PORT, PUBLIC_BASE_URL, REDIS_URL, LOG_LEVEL.',
  ].join('\n')
}

export async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${overview()}\n`)
    return name === undefined ? EXIT_USAGE : EXIT_OK
  }
  const command = commands.find((c) => c.name === name || c.name.split(' ')[0] === name)
  if (!command) {
    process.stderr.write(`zonetrace: unknown command "${name}"\n\n${overview()}\n`)
    return EXIT_USAGE
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.usage}\n`)
    return EXIT_OK
  }
  try {
    await command.run(args)
    return EXIT_OK
  } catch (err) {
    return report(command, err)
  }
}

function report(command: Command, err: unknown): number {
  const prefix = `zonetrace ${command.name}`
  if (err instanceof UsageError) {
    process.stderr.write(`${prefix}: ${err.message}\nRun '${prefix} --help' for usage.\n`)
    return EXIT_USAGE
  }
  // Commands turn the library errors a user can act on into CliError, so this file loads no library.
  const known = err instanceof CliError || err instanceof ConfigError
  const message = err instanceof Error ? err.message : String(err)
  process.stderr.write(`${prefix}: ${message}\n`)
  if (!known && err instanceof Error && wantsStacks()) {
    process.stderr.write(`${err.stack}\n`)
  }
  return EXIT_FAILURE
}

function wantsStacks(): boolean {
  try {
    return ['debug', 'trace'].includes(loadConfig().logLevel)
  } catch {
    return false
  }
}
