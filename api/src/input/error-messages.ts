// Validation messages in words a client can act on. Ajv says "must match pattern "^[A-Za-z0-9]…"" for an
// identifier; this says which characters the identifier may hold, from the one table of character sets.
import { PLAIN_ID_PATTERN, ZONE_CODE_PATTERN } from '@zonetrace/contracts'
import type { FastifySchemaValidationError } from 'fastify/types/schema.js'

const PLAIN = 'must use only ASCII letters, digits, ".", "_" and "-", and start with a letter or digit'
const PATTERN_WORDS = new Map<string, string>([
  [PLAIN_ID_PATTERN, PLAIN],
  [ZONE_CODE_PATTERN, PLAIN],
])

export function schemaErrorFormatter(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const text = errors
    .map((e) => {
      const pattern = e.keyword === 'pattern' ? (e.params as { pattern?: string }).pattern : undefined
      const message = (pattern && PATTERN_WORDS.get(pattern)) ?? e.message
      return `${dataVar}${e.instancePath || ''} ${message}`
    })
    .join(', ')
  return new Error(text)
}
