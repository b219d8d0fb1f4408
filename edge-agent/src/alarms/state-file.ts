// Keeps a one-value file ("1\n" or "0\n") equal to the latest state asked for: the file a watchdog or a
// relay daemon polls. Each write goes to a temporary file beside it, is synced, then renamed over it, so a
// reader sees the old state or the new one, never an empty or half-written file, even after a power cut.
// Writes are serialised; a burst of changes collapses into writing only the latest state.
import { open, rename, rm } from 'node:fs/promises'

export interface StateFile {
  set(state: '0' | '1'): void
  /** Resolves once the file holds the latest state, or the last attempt at it failed. */
  idle(): Promise<void>
  writes(): number
}

async function writeAtomic(path: string, content: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`
  try {
    const fh = await open(tmp, 'w')
    try {
      await fh.writeFile(content)
      await fh.sync()
    } finally {
      await fh.close()
    }
    await rename(tmp, path)
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {})
    throw err
  }
}

export function createStateFile(path: string, onFailure: (err: Error) => void): StateFile {
  let desired: '0' | '1' = '0'
  let written: string | undefined
  let writes = 0
  let tail = Promise.resolve()

  async function catchUp(): Promise<void> {
    while (written !== desired) {
      const state = desired
      try {
        await writeAtomic(path, `${state}\n`)
        written = state
        writes++
      } catch (err) {
        // Left behind: the next set() tries again rather than spinning on a missing directory.
        onFailure(err as Error)
        return
      }
    }
  }

  return {
    set(state) {
      desired = state
      tail = tail.then(catchUp).catch(() => {})
    },
    idle: () => tail,
    writes: () => writes,
  }
}
