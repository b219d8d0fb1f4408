// The one way "no such record" reaches a caller: a thrown NotFoundError, which the API's error handler
// (statusOf in api/src/errors.ts) answers with 404 as it does every RegistryError with code not_found.
// Repositories whose reads return null for "missing or not yours" are wrapped with found() where a route
// needs the record, so no route writes its own 404.
import { RegistryError } from '../errors.ts'

export class NotFoundError extends RegistryError {
  constructor(message: string) {
    super(message, 'not_found')
  }
}

/** The value, or a NotFoundError with `message` when it is null, undefined or false. */
export function found<T>(value: T | null | undefined | false, message: string): T {
  if (value === null || value === undefined || value === false) throw new NotFoundError(message)
  return value
}
