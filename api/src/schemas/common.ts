// Schema pieces shared by several routes.
import { Type } from '@fastify/type-provider-typebox'
import { PLAIN_ID_PATTERN, ZONE_CODE_PATTERN } from '@zonetrace/contracts'

export const ErrorBody = (description: string) =>
  Type.Object(
    { error: Type.String({ examples: ['Bad Request'] }), message: Type.Optional(Type.String()) },
    { description },
  )

/** Every error status a route may answer with, so each route lists its own by picking from here. */
export const errors = {
  400: ErrorBody('A parameter or the body is not valid; the message says which'),
  401: ErrorBody('Missing, malformed, expired or foreign bearer token'),
  403: ErrorBody('The token is valid but its role may not do this'),
  404: ErrorBody('Nothing matches'),
  409: ErrorBody('Conflicts with what is already stored'),
  500: ErrorBody('Internal error; details are in the server log only'),
} as const

/** What a registry write route may answer besides its success. */
export const writeErrors = {
  400: errors[400],
  401: errors[401],
  403: errors[403],
  404: errors[404],
  409: errors[409],
  500: errors[500],
} as const

/** Read routes are open data, but a presented token is still checked. */
export const readErrors = { 401: errors[401], 500: errors[500] } as const

export const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601 date-time with offset' })
export const NullableDateTime = Type.Union([DateTime, Type.Null()])

/**
 * Gateway, sensor, product and cooperative ids: ASCII letters, digits, `.`, `_` and `-`, 64 at most, so
 * messages that echo them stay short (contracts/src/text.ts holds the character sets).
 */
export const Id = (description: string) =>
  Type.String({ minLength: 1, maxLength: 64, pattern: PLAIN_ID_PATTERN, description })
/** Growing area codes are opaque (domestic VN-… and export PUC codes both exist) but plain ASCII. */
export const ZoneCode = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: ZONE_CODE_PATTERN,
  description: 'Growing area code: ASCII letters, digits, ".", "_" and "-"; unique without regard to case',
})
export const CooperativeId = (description: string) => Id(description)

/**
 * Text a person writes (notes, comments, reasons): tab and line breaks allowed, other control characters
 * not. Every other request string is one line (api/src/input/).
 */
export const FreeText = (maxLength: number, description?: string) =>
  Type.String({ maxLength, 'x-text': 'free', ...(description ? { description } : {}) })

export const bearerAuth = [{ bearerAuth: [] }]
