// One fixture (an API harness, a test database, a broker) started once before a file's tests and closed
// after them, without the let/beforeAll/afterAll triple every file used to write out. The returned object
// stands for the fixture once it has started, so a test reads `api.app.inject(…)` as it did `h.app.inject(…)`.
import { afterAll, beforeAll } from 'vitest'

interface Closable {
  close(): unknown
}

/**
 * Registers beforeAll(start) and afterAll(close) in the calling file (or describe block) and returns a
 * stand-in that forwards to the started fixture. Reading it before beforeAll has run is a test bug and
 * says so, rather than failing later on an undefined.
 */
export function sharedFixture<T extends Closable>(start: () => Promise<T>, startTimeoutMs?: number): T {
  let started: T | undefined
  beforeAll(async () => {
    started = await start()
  }, startTimeoutMs)
  afterAll(async () => {
    await started?.close()
  })
  return new Proxy({} as T, {
    get(_, key) {
      if (!started) throw new Error(`fixture read (.${String(key)}) before its beforeAll has run`)
      const value = Reflect.get(started, key, started)
      // Methods keep the fixture as `this` (closures do not care, classes do).
      return typeof value === 'function' ? value.bind(started) : value
    },
    set(_, key, value) {
      if (!started) throw new Error(`fixture written (.${String(key)}) before its beforeAll has run`)
      return Reflect.set(started, key, value, started)
    },
    has(_, key) {
      return started !== undefined && key in started
    },
  })
}
