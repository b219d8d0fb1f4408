// Node only, like the config reader: lock files and leftovers name their owner by pid, and a pid that no
// longer runs means the owner crashed (kill -9, power loss) and what it left may be taken over.

/** Whether a process with this pid exists; one owned by another user (EPERM) exists too. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
