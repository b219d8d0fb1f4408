/** The part of a pino logger the spool uses; any logger with these two methods will do. */
export interface SpoolLog {
  warn(obj: object, msg: string): void
  info(obj: object, msg: string): void
}
