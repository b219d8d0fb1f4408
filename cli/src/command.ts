export interface Command {
  name: string
  summary: string
  /** Full `--help` text. */
  usage: string
  run(args: string[]): Promise<void>
}
