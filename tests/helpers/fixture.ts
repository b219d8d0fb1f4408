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
  return lateBound(() => started, 'fixture')
}

/**
 * A stand-in for a value that exists only once a beforeAll has run (a started fixture, one of its gateways),
 * so a file can name it at the top. Every use goes to `current()`; using it while that is still undefined
 * throws, naming `what` and the property.
 */
export function lateBound<T extends object>(current: () => T | undefined, what: string): T {
  const ready = (key: PropertyKey, use: string): T => {
    const value = current()
    if (value === undefined) throw new Error(`${what} ${use} (.${String(key)}) before its beforeAll has run`)
    return value
  }
  return new Proxy({} as T, {
    get(_, key) {
      const target = ready(key, 'read')
      const value = Reflect.get(target, key, target)
      // Methods keep the target as `this` (closures do not care, classes do).
      return typeof value === 'function' ? value.bind(target) : value
    },
    set(_, key, value) {
      const target = ready(key, 'written')
      return Reflect.set(target, key, value, target)
    },
    has(_, key) {
      const target = current()
      return target !== undefined && key in target
    },
    // Spreads, JSON.stringify and toEqual see the target's own properties.
    ownKeys() {
      const target = current()
      return target === undefined ? [] : Reflect.ownKeys(target)
    },
    getOwnPropertyDescriptor(_, key) {
      const target = current()
      const descriptor = target && Reflect.getOwnPropertyDescriptor(target, key)
      // The proxy's own target is an empty object: a property it lacks may only be reported configurable.
      return descriptor && { ...descriptor, configurable: true }
    },
  })
}
