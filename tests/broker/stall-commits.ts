// A real stall for the reading writer: another transaction holds a SHARE lock on readings, which conflicts
// with the ROW EXCLUSIVE lock every insert (and COPY) needs, so commits wait until release(). On the
// embedded engine the open transaction holds its single connection, which stalls them the same way.
import type { Database } from '@zonetrace/db'

export interface Stall {
  release(): Promise<void>
}

export async function stallCommits(db: Database): Promise<Stall> {
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let locked = () => {}
  const holding = new Promise<void>((resolve) => {
    locked = resolve
  })
  const done = db.transaction(async (tx) => {
    await tx.query('lock table readings in share mode')
    locked()
    await released
  })
  await Promise.race([holding, done])
  return {
    async release() {
      release()
      await done
    },
  }
}
