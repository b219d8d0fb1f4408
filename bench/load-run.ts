// Runs the MQTT load generator (load-generator.ts) in a child process, so the publishing clients never
// share an event loop, or CPU time accounting, with the broker they measure.
import { type ChildProcess, fork } from 'node:child_process'
import type { LoadRequest, LoadResult } from './load-generator.ts'

export function runLoad(req: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(new URL('./load-child.ts', import.meta.url), {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    child.once('message', (result) => resolve(result as LoadResult))
    child.once('error', reject)
    child.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)))
    child.send(req)
  })
}
