import { STATUS_CODES } from 'node:http'
import { RegistryError } from '@zonetrace/db'

/** A refusal whose message is safe to show the client; the error handler turns it into a JSON 4xx. */
export class HttpError extends Error {
  readonly statusCode: number
  constructor(statusCode: number, message: string) {
    super(message)
    this.statusCode = statusCode
  }
}

/** Why a state-changing request from a signed-in browser was refused without its CSRF token. */
export const CSRF_REFUSAL = 'this form has expired or came from another site; reload the page and try again'

interface ErrorBody {
  error: string
  message?: string
  /** A machine-readable reason, for refusals a client shows in its own words (RegistryError's reason). */
  code?: string
}

const REGISTRY_STATUS = { invalid: 400, not_found: 404, conflict: 409 } as const

/** The status a thrown error maps to: client mistakes keep their 4xx, everything else is a 500. */
export function statusOf(err: unknown): number {
  if (err instanceof HttpError) return err.statusCode
  if (err instanceof RegistryError) return REGISTRY_STATUS[err.code]
  if (typeof err !== 'object' || err === null) return 500
  if ('validation' in err && err.validation) return 400
  const status = 'statusCode' in err ? err.statusCode : undefined
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500
}

export function errorBody(status: number, message: string, code?: string): ErrorBody {
  return { error: STATUS_CODES[status] ?? 'Error', message, ...(code ? { code } : {}) }
}

/** The machine-readable reason a refusal carries, if any. */
export function reasonOf(err: unknown): string | undefined {
  return err instanceof RegistryError ? err.reason : undefined
}
