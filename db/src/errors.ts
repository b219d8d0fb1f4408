type RegistryErrorCode = 'not_found' | 'conflict' | 'invalid'

/** A request that conflicts with stored data or names something missing: callers map these to 4xx. */
export class RegistryError extends Error {
  readonly code: RegistryErrorCode
  constructor(message: string, code: RegistryErrorCode) {
    super(message)
    this.code = code
  }
}
