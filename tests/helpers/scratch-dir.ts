// A scratch directory under the OS temp dir for the tests of one file (or describe block), removed after
// them, without the let/mkdtemp/rm triple each file used to write out.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'

export interface ScratchDir {
  /** The directory's path; reading it outside a test is a test bug and says so. */
  readonly path: string
}

/** A fresh directory for each test, removed after it. */
export function scratchDirEach(prefix: string): ScratchDir {
  return scratchDir(prefix, beforeEach, afterEach)
}

/** One directory for all the tests, removed after the last. */
export function scratchDirAll(prefix: string): ScratchDir {
  return scratchDir(prefix, beforeAll, afterAll)
}

function scratchDir(
  prefix: string,
  before: (hook: () => Promise<void>) => void,
  after: (hook: () => Promise<void>) => void,
): ScratchDir {
  let current: string | undefined
  before(async () => {
    current = await mkdtemp(join(tmpdir(), prefix))
  })
  after(async () => {
    if (current) await rm(current, { recursive: true, force: true })
    current = undefined
  })
  return {
    get path() {
      if (!current) throw new Error(`scratch directory ${prefix}… read outside its tests`)
      return current
    },
  }
}
