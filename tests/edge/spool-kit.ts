// Small tools for the file spool tests: throwaway directories, a logger that remembers, segment listings.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SpoolLog } from '@zonetrace/edge-agent'

export interface TempDirs {
  make(): Promise<string>
  cleanup(): Promise<void>
}

export function tempDirs(prefix = 'zt-spool-'): TempDirs {
  const made: string[] = []
  return {
    async make() {
      const dir = await mkdtemp(join(tmpdir(), prefix))
      made.push(dir)
      return dir
    },
    async cleanup() {
      for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
    },
  }
}

export interface CapturedLog extends SpoolLog {
  warns: { obj: object; msg: string }[]
}

export function captureLog(): CapturedLog {
  const warns: { obj: object; msg: string }[] = []
  return { warns, warn: (obj, msg) => warns.push({ obj, msg }), info: () => {} }
}

/** Segment files in the spool directory, oldest first, as full paths. */
export async function segmentFiles(dir: string): Promise<string[]> {
  return (await readdir(dir))
    .filter((n) => /^\d{16}\.seg$/.test(n))
    .sort()
    .map((n) => join(dir, n))
}
