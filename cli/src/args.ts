// node:util parseArgs with the two things every command needs: --help, and usage errors instead of throws.
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { UsageError } from './errors.ts'

/** What a command's flags parse to: each flag that was given, with its value. */
export type FlagValues<F extends string> = Partial<Record<F, string>>

/** Every command flag takes a value (--flag VALUE); --help is answered by run.ts before a command runs. */
export function parseCommandArgs<const F extends string>(
  args: string[],
  flags: readonly F[] = [],
): { values: FlagValues<F> } {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } }
  for (const flag of flags) options[flag] = { type: 'string' }
  try {
    const { values } = parseArgs({ args, options, strict: true, allowPositionals: false })
    return { values: values as FlagValues<F> }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
      throw new UsageError((err as Error).message)
    throw err
  }
}

export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`--${flag} is required`)
  return value.trim()
}

export function positiveNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--${flag} must be a positive number, got "${value}"`)
  return n
}

export function positiveInteger(value: string | undefined, flag: string, fallback: number): number {
  const n = positiveNumber(value, flag, fallback)
  if (!Number.isInteger(n)) throw new UsageError(`--${flag} must be a whole number, got "${value}"`)
  return n
}

export function integer(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${flag} must be an integer, got "${value}"`)
  return n
}
