// The kinds of environment variable zonetrace reads, as TypeBox schemas of the value each one becomes.
// Besides the JSON Schema keywords (type, bounds, enum, pattern, default, description) every variable
// carries three notes of its own, so one declaration in schema.ts drives reading (read.ts), the error
// message, the README table and .env.example (docs.ts):
//   x-read          which named reader in read.ts turns the variable's text into the value
//   x-must-be       what the refusal says the value must be: "MQTT_PORT must be a port number, got …"
//   x-default-text  the README's default cell, where the default is not one plain value
import Type, { type TSchema } from 'typebox'

export type Reader = 'text' | 'integer' | 'flag' | 'path' | 'baseUrl' | 'trustProxy' | 'tileTemplate'

interface VariableNotes {
  /** Markdown, as the README table shows it; .env.example gets it as plain text. */
  description: string
  /** The value (not the text) used when the variable is unset or blank; none: the setting is off. */
  default?: unknown
  'x-read': Reader
  'x-must-be': string
  'x-default-text'?: string
}

/** The notes on one variable's schema; every builder below sets them. */
export function notesOf(variable: TSchema): VariableNotes {
  return variable as unknown as VariableNotes
}

/**
 * The default as it would be written in the environment: what .env.example shows, and what readEnv reads
 * when the variable is unset, so an unset variable and its documented default behave the same.
 */
export function defaultText(variable: TSchema): string | undefined {
  const notes = notesOf(variable)
  if (notes.default === undefined) return undefined
  if (typeof notes.default === 'boolean' && notes['x-read'] === 'flag') return notes.default ? 'on' : 'off'
  return String(notes.default)
}

const notes = (read: Reader, mustBe: string, description: string, defaultText?: string) => ({
  description,
  'x-read': read,
  'x-must-be': mustBe,
  ...(defaultText === undefined ? {} : { 'x-default-text': defaultText }),
})

/** A whole-number variable between two bounds, with its default and description. */
const integerIn =
  (minimum: number, maximum: number, mustBe: string) => (fallback: number, description: string) =>
    Type.Integer({ minimum, maximum, default: fallback, ...notes('integer', mustBe, description) })

/** 0 asks the OS for a free port: tests use it. */
export const port = integerIn(0, 65535, 'a port number')

/** A count, size or duration in whole units; the unit is in the variable's name. */
export const positiveInt = integerIn(1, Number.MAX_SAFE_INTEGER, 'a positive integer')

/** Like positiveInt, with 0 meaning "never": retention periods, where 0 keeps forever. */
export const daysOrNever = integerIn(0, Number.MAX_SAFE_INTEGER, '0 or a positive integer')

/** A positive integer whose default is worked out from other variables (x-default-text says how). */
export const derivedInt = (description: string, defaultText: string) =>
  Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
      ...notes('integer', 'a positive integer', description, defaultText),
    }),
  )

/** on/off; true/false, yes/no and 1/0 are read too, in any case. */
export const flag = (fallback: boolean, description: string) =>
  Type.Boolean({ default: fallback, ...notes('flag', 'on or off', description) })

export const text = (fallback: string, description: string) =>
  Type.String({ minLength: 1, default: fallback, ...notes('text', 'some text', description) })

/** Text with no default: unset leaves the feature it configures off (or, x-default-text, says what then). */
export const optionalText = (description: string, defaultText?: string) =>
  Type.Optional(Type.String({ minLength: 1, ...notes('text', 'some text', description, defaultText) }))

export const oneOf = <const Values extends string[]>(
  values: readonly [...Values],
  fallback: Values[number],
  description: string,
) => Type.Enum(values, { default: fallback, ...notes('text', `one of ${values.join(', ')}`, description) })

/** A directory, made absolute against the working directory the process starts in. */
export const directory = (fallback: string, description: string) =>
  Type.String({ minLength: 1, default: fallback, ...notes('path', 'a directory', description) })

/** An http(s) base URL that paths are appended to; trailing slashes are dropped so none doubles. */
export const baseUrl = (fallback: string, description: string) =>
  Type.String({ default: fallback, ...notes('baseUrl', 'a URL', description) })
