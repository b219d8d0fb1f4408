import { open } from 'node:fs/promises'

/** Makes file creations, renames and removals in `dir` durable (a new file's data alone is not enough). */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r')
  try {
    await fh.sync()
  } finally {
    await fh.close()
  }
}
