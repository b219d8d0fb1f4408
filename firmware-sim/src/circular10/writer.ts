// The Circular 10 target: a station logger that writes one file per interval into a directory the edge
// agent watches. Each file is written under a name the agent ignores and renamed into place, so the agent
// never reads half a file.
import { constants } from 'node:fs'
import { access, mkdir, rename, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SimLogger } from '../logger.ts'
import type { Outlet } from '../outlet.ts'
import { circular10Body, circular10FileName, STATION_PATTERN } from './format.ts'

interface Circular10Options {
  dir: string
  station: string
  logger: SimLogger
  onAcked: () => void
}

export async function openCircular10Outlet(opts: Circular10Options): Promise<Outlet> {
  if (!STATION_PATTERN.test(opts.station)) {
    throw new Error(
      `station name "${opts.station}" must be 1–64 letters, digits, "_" or "-", starting with a letter or digit`,
    )
  }
  try {
    await mkdir(opts.dir, { recursive: true })
    await access(opts.dir, constants.W_OK)
  } catch (err) {
    throw new Error(`cannot write station files to ${opts.dir}: ${(err as Error).message}`)
  }
  const pending = new Set<Promise<void>>()

  const write = async (name: string, body: string) => {
    // A dot name without the .txt pattern: invisible to the agent until the rename.
    const temp = join(opts.dir, `.${name}.partial`)
    try {
      await writeFile(temp, body, 'utf8')
      await rename(temp, join(opts.dir, name))
      opts.onAcked()
    } catch (err) {
      await unlink(temp).catch(() => {})
      opts.logger.warn(
        { station: opts.station, file: name, err: (err as Error).message },
        'station file not written',
      )
    }
  }

  return {
    send(sample) {
      if (!sample.powered || sample.probes.length === 0) return
      const body = circular10Body(sample.probes, sample.stampMs)
      if (body === '') return
      const done = write(circular10FileName(opts.station, sample.stampMs), body)
      pending.add(done)
      void done.finally(() => pending.delete(done))
    },
    inflight: () => pending.size,
    // A logger with no power writes nothing; the samples of a cut never reach send().
    setPowered() {},
    async close() {
      await Promise.all(pending)
    },
  }
}
