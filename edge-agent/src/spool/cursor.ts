// The cursor file records the spool's head (every seq below it is acked) so a restart does not send the
// whole backlog again. It is replaced atomically (write a temporary file, fsync, rename, fsync the
// directory), so a crash leaves either the old head or the new one, never a torn file.
import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import type { SpoolLog } from './log.ts'
import { syncDir } from './sync-dir.ts'
import { withFile } from './with-file.ts'

const CURSOR_FILE = 'cursor.json'
const TMP_SUFFIX = '.tmp'

/** The head saved in `dir`, or undefined when there is none or it cannot be read (then all is resent). */
export async function readCursor(dir: string, log?: SpoolLog): Promise<number | undefined> {
  let text: string
  try {
    text = await readFile(join(dir, CURSOR_FILE), 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  try {
    const head = (JSON.parse(text) as { head?: unknown }).head
    if (typeof head === 'number' && Number.isSafeInteger(head) && head >= 0) return head
  } catch {}
  // Only disk damage gets here (the file is never written in place); resending is the safe way out.
  log?.warn({ dir, file: CURSOR_FILE }, 'spool cursor unreadable; every spooled entry will be sent again')
  return undefined
}

export async function writeCursor(dir: string, head: number): Promise<void> {
  const path = join(dir, CURSOR_FILE)
  const tmp = path + TMP_SUFFIX
  await withFile(tmp, 'w', async (fh) => {
    await fh.writeFile(`${JSON.stringify({ head })}\n`)
    await fh.sync()
  })
  await rename(tmp, path)
  await syncDir(dir)
}
