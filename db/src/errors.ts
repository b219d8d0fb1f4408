type RegistryErrorCode = 'not_found' | 'conflict' | 'invalid'

/** A request that conflicts with stored data or names something missing: callers map these to 4xx. */
export class RegistryError extends Error {
  readonly code: RegistryErrorCode
  /**
   * A machine-readable reason (e.g. `lot_recalled`) for refusals a client shows in its own words, such as a
   * phone saying it in Vietnamese; the API answers it as the error body's `code`.
   */
  readonly reason: string | undefined
  constructor(message: string, code: RegistryErrorCode, reason?: string) {
    super(message)
    this.code = code
    this.reason = reason
  }
}
