// Errors handed back to aedes. Each is logged where it is decided, with the gateway id, so the
// clientError event that aedes raises for it afterwards is not logged a second time.
import type { AuthErrorCode, AuthenticateError } from 'aedes'

/** CONNACK return codes of MQTT 3.1.1 §3.2.2.3 that a refusal may carry. */
export const ConnackCode = {
  identifierRejected: 2,
  serverUnavailable: 3,
  badUsernameOrPassword: 4,
  notAuthorized: 5,
} as const

export type LoggedError = Error & { logged: true }

export function connectRefusal(
  code: (typeof ConnackCode)[keyof typeof ConnackCode],
  message: string,
): AuthenticateError & LoggedError {
  return Object.assign(new Error(message), { returnCode: code as AuthErrorCode, logged: true as const })
}

export function publishRefusal(message: string): LoggedError {
  return Object.assign(new Error(message), { logged: true as const })
}

export function isLogged(err: unknown): boolean {
  return err instanceof Error && (err as Partial<LoggedError>).logged === true
}
