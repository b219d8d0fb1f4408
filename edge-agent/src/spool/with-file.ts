import { type FileHandle, open } from 'node:fs/promises'

/** Runs `use` on `path` opened with `flags` and closes the handle however `use` ends. */
export async function withFile<T>(
  path: string,
  flags: string,
  use: (fh: FileHandle) => Promise<T>,
): Promise<T> {
  const fh = await open(path, flags)
  try {
    return await use(fh)
  } finally {
    await fh.close()
  }
}
