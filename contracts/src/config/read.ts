// Turns environment text into values, as each variable's schema says (x-read names the reader), then
// checks each value against its schema. Every refusal names its variable, and all of them are reported
// at once so an operator fixes the environment in one go.
import { resolve } from 'node:path'
import type { Static, TObject } from 'typebox'
import Value from 'typebox/value'
import { ConfigError } from './types.ts'
import { defaultText, notesOf, type Reader } from './variables.ts'

/** A reader's answer for text it cannot convert: fails every schema, so the variable is refused. */
const UNREADABLE = Symbol('unreadable')

const FLAG_WORDS: Record<string, boolean> = {
  on: true,
  true: true,
  yes: true,
  '1': true,
  off: false,
  false: false,
  no: false,
  '0': false,
}

export const READERS: Record<Reader, (raw: string) => unknown> = {
  text: (raw) => raw,
  integer: wholeNumber,
  flag: (raw) => FLAG_WORDS[raw.toLowerCase()] ?? UNREADABLE,
  path: (raw) => resolve(raw),
  baseUrl: (raw) => raw.replace(/\/+$/, ''),
  trustProxy: proxyTrust,
  tileTemplate: (raw) => (tileOrigin(raw) === null ? UNREADABLE : raw),
}

/** Reads every variable of `schema` from `env`; blank counts as unset, and unset takes the default. */
export function readEnv<S extends TObject>(schema: S, env: NodeJS.ProcessEnv): Static<S> {
  const values: Record<string, unknown> = {}
  const problems: string[] = []
  for (const [name, variable] of Object.entries(schema.properties)) {
    const raw = nonEmpty(env[name]) ?? defaultText(variable)
    if (raw === undefined) continue
    const value = READERS[notesOf(variable)['x-read']](raw)
    if (Value.Check(variable, value)) values[name] = value
    else problems.push(`${name} must be ${notesOf(variable)['x-must-be']}, got "${raw}"`)
  }
  if (problems.length > 0) throw new ConfigError(problems.join('\n'))
  return values as Static<S>
}

/** Number() as before the schema (so " 30 " and "0x10" still read); -0 becomes 0. */
function wholeNumber(raw: string): number {
  const n = Number(raw)
  return n === 0 ? 0 : n
}

/** fastify's trustProxy: the words true/false, a hop count, or the address list as written. */
function proxyTrust(raw: string): boolean | number | string {
  if (raw === 'true' || raw === 'false') return raw === 'true'
  return /^\d+$/.test(raw) ? Number(raw) : raw
}

/**
 * The scheme and host of a tile template, or null when it is not an http(s) URL with {z}, {x} and {y}
 * after the host. The placeholders must sit after the host so that one origin covers every tile: the
 * consumer page's Content-Security-Policy allows that origin alone.
 */
export function tileOrigin(template: string): string | null {
  let origin: string | null = null
  try {
    const parsed = new URL(template.replace(/\{[zxy]\}/g, '0'))
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') origin = parsed.origin
  } catch {}
  const ok =
    origin !== null &&
    template.toLowerCase().startsWith(`${origin}/`) &&
    ['{z}', '{x}', '{y}'].every((p) => template.includes(p)) &&
    !/\{(?![zxy]\})/.test(template)
  return ok ? origin : null
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim()
}
