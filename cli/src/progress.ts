// A progress bar on stderr for long CLI jobs; silent when stderr is not a terminal (pipes, CI logs).
import cliProgress from 'cli-progress'

interface Progress {
  increment(): void
  update(done: number): void
  stop(): void
}

export function progressBar(total: number): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ' {bar} {percentage}% | {value}/{total} | {eta_formatted} left',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(total, 0)
  return {
    increment: () => bar.increment(),
    update: (done) => bar.update(Math.min(done, total)),
    stop: () => bar.stop(),
  }
}
