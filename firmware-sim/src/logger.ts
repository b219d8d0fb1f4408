// The slice of a pino logger the simulator uses; a pino.Logger satisfies it, and this package needs no pino.
export interface SimLogger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}
