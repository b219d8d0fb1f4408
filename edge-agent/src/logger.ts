// The slice of a pino logger the agent uses; a pino.Logger satisfies it.
export interface AgentLogger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}
