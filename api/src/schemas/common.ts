// Schema pieces shared by several routes.
import { Type } from '@fastify/type-provider-typebox'
import { Id } from '@zonetrace/contracts'

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

// Defined once in contracts/src/resources/common.ts, beside the resources that use them.
export { DateTime, FreeText, Id, NullableDateTime, ZoneCode } from '@zonetrace/contracts'
/** A cooperative id is a plain id; the name documents which one a route means. */
export const CooperativeId = (description: string) => Id(description)

export const bearerAuth = [{ bearerAuth: [] }]
