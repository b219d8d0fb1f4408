import { withFile } from './with-file.ts'

/** Makes file creations, renames and removals in `dir` durable (a new file's data alone is not enough). */
export async function syncDir(dir: string): Promise<void> {
  await withFile(dir, 'r', (fh) => fh.sync())
}
