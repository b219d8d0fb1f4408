// One process per spool directory: two writers appending to the same segment would interleave records.
// The lock file holds the owner's pid and the kernel's boot id; it is written under a private name and
// linked into place, so another process never sees it half written. A lock left by a process that no longer
// exists (kill -9, power loss) is taken over, so a crash never locks the gateway out of its own backlog:
// after a reboot the boot id differs, which matters where the agent gets the same pid on every boot
// (pid 1 in a container).
import { link, readFile, unlink, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { isProcessAlive } from '@zonetrace/contracts'

const LOCK_FILE = 'spool.lock'

export class SpoolLockedError extends Error {
  readonly code = 'SPOOL_LOCKED'
}

// Spool directories this process holds: its own pid in a lock file is stale unless listed here.
const held = new Set<string>()

/** Takes the lock on `dir` for this process; resolves with the function that releases it. */
export async function lockSpoolDir(dir: string): Promise<() => Promise<void>> {
  const path = resolve(dir, LOCK_FILE)
  if (held.has(path)) throw new SpoolLockedError(`spool ${dir} is already open in this process`)
  held.add(path)
  try {
    await takeLock(dir, path)
  } catch (err) {
    held.delete(path)
    throw err
  }
  return async () => {
    if (!held.delete(path)) return
    await unlink(path).catch(() => {})
  }
}

async function takeLock(dir: string, path: string): Promise<void> {
  const boot = await bootId()
  const mine = `${path}.${process.pid}`
  const content = `${process.pid} ${boot ?? '-'}\n`
  await writeFile(mine, content)
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await placeLock(mine, path, content)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      }
      const holder = await readHolder(path)
      const sameBoot = holder?.boot === undefined || boot === undefined || holder.boot === boot
      if (holder && holder.pid !== process.pid && sameBoot && isProcessAlive(holder.pid)) {
        throw new SpoolLockedError(
          `spool ${dir} is in use by process ${holder.pid}; stop it, or delete ${path} if that process is not a spool`,
        )
      }
      await unlink(path).catch(() => {})
    }
    throw new SpoolLockedError(`could not take the spool lock ${path}`)
  } finally {
    await unlink(mine).catch(() => {})
  }
}

// Filesystems without hard links (a FAT-formatted card) get an exclusive create instead; only the short
// window in which the file is empty is lost.
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'])

async function placeLock(mine: string, path: string, content: string): Promise<void> {
  try {
    await link(mine, path)
  } catch (err) {
    if (!NO_LINKS.has((err as NodeJS.ErrnoException).code ?? '')) throw err
    await writeFile(path, content, { flag: 'wx' })
  }
}

async function readHolder(path: string): Promise<{ pid: number; boot: string | undefined } | undefined> {
  try {
    const [pidText, boot] = (await readFile(path, 'utf8')).trim().split(/\s+/)
    const pid = Number(pidText)
    if (!Number.isSafeInteger(pid) || pid <= 0) return undefined
    return { pid, boot: boot === '-' ? undefined : boot }
  } catch {
    return undefined
  }
}

async function bootId(): Promise<string | undefined> {
  try {
    return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim() || undefined
  } catch {
    return undefined
  }
}
