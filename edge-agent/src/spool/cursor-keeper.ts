// Saves the head at most every intervalMs (acks come hundreds a second; one atomic file write each would
// cost more than the appends) and on close. Entries acked since the last save are sent again after a crash,
// which at-least-once allows. Segments are deleted only after a saved head covers them, so the cursor on
// disk never points below a segment that is gone and tail can always be recovered past every used seq.
import { unlink } from 'node:fs/promises'
import { writeCursor } from './cursor.ts'
import type { Ledger } from './ledger.ts'
import type { SpoolLog } from './log.ts'
import { closeIdle } from './segments.ts'
import { syncDir } from './sync-dir.ts'

interface CursorKeeper {
  /** The head moved: save it within intervalMs. */
  touch(): void
  /** Saves now; nothing is saved after it. */
  flush(): Promise<void>
}

export function createCursorKeeper(
  dir: string,
  ledger: Ledger,
  intervalMs: number,
  log: SpoolLog | undefined,
): CursorKeeper {
  let saved = ledger.head()
  let timer: NodeJS.Timeout | null = null
  let saving: Promise<void> | null = null
  let stopped = false

  async function save(): Promise<void> {
    timer = null
    const head = ledger.head()
    try {
      if (head !== saved) {
        await writeCursor(dir, head)
        saved = head
      }
      const retired = ledger.retire(saved)
      for (const seg of retired) {
        await closeIdle(seg)
        await unlink(seg.path).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err
        })
      }
      if (retired.length > 0) await syncDir(dir)
    } catch (err) {
      log?.warn({ err, dir }, 'spool could not save its cursor; will retry')
    }
  }

  function touch(): void {
    if (timer || saving || stopped) return
    timer = setTimeout(() => {
      saving = save().finally(() => {
        saving = null
        if (ledger.head() !== saved) touch()
      })
    }, intervalMs)
    timer.unref()
  }

  return {
    touch,
    async flush() {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = null
      while (saving) await saving
      await save()
    },
  }
}
