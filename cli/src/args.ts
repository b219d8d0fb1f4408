// node:util parseArgs with the two things every command needs: --help, and usage errors instead of throws.
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { UsageError } from './errors.ts'

type Options = NonNullable<ParseArgsConfig['options']>

export function parseCommandArgs<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    })
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
