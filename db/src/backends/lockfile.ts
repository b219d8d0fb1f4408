import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { isProcessAlive } from '@zonetrace/contracts'

export class DatabaseInUseError extends Error {}

/**
 * An exclusive pid lock file. A lock left by a process that no longer exists (kill -9, power loss)
 * is taken over, so a crash never locks the user out of their own data.
 */
export function acquireLock(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600)
      writeSync(fd, String(process.pid))
      closeSync(fd)
      let released = false
      return () => {
        if (released) return
        released = true
        try {
          unlinkSync(path)
        } catch {}
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const holder = Number(readFileSync(path, 'utf8').trim())
      if (holder && isProcessAlive(holder)) {
        throw new DatabaseInUseError(
          `the embedded database is in use by process ${holder}; stop it, use the HTTP API, or set DATABASE_URL`,
        )
      }
      unlinkSync(path)
    }
  }
  throw new DatabaseInUseError(`could not take the embedded database lock ${path}`)
}
