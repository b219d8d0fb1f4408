// Schema pieces shared by several routes.
import { type TObject, type TProperties, Type } from '@fastify/type-provider-typebox'

export const ErrorBody = (description: string) =>
  Type.Object(
    {
      error: Type.String({ examples: ['Bad Request'] }),
      message: Type.Optional(Type.String()),
      code: Type.Optional(
        Type.String({
          description: 'A machine-readable reason where a client may act on it, e.g. lot_recalled',
          examples: ['lot_recalled'],
        }),
      ),
    },
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

type ErrorStatus = keyof typeof errors

/**
 * The error responses a route documents, picked by status: `...refusals(400, 401, 404)`. The one way routes
 * list them, so every route describes a status in the same words.
 */
export function refusals<S extends ErrorStatus>(...statuses: S[]): Pick<typeof errors, S> {
  return Object.fromEntries(statuses.map((s) => [s, errors[s]])) as Pick<typeof errors, S>
}

/** What a route behind requireRole may answer besides its success: bad input, token, role, no such record. */
export const authedErrors = refusals(400, 401, 403, 404, 500)

/** What a registry write route may answer besides its success: the above and a conflict. */
export const writeErrors = refusals(400, 401, 403, 404, 409, 500)

/** Read routes are open data, but a presented token is still checked. */
export const readErrors = refusals(401, 500)

// Defined once in contracts/src/resources/common.ts, beside the resources that use them.
export { DateTime, Id, ZoneCode } from '@zonetrace/contracts'

/** A response object with its own description in the OpenAPI document (instead of "Default Response"). */
export const described = <T extends TProperties>(schema: TObject<T>, description: string) =>
  Type.Object(schema.properties, { description })

export const bearerAuth = [{ bearerAuth: [] }]
