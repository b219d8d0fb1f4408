// The workspace's one IndexedDB database: `queue` holds events waiting for the network (event-queue.ts),
// `kv` the last JWKS seen (jwks-cache.ts). A few lines over the raw API rather than a dependency: two stores,
// put, get, delete and getAll are all the workspace needs. Sign-out clears it (Clear-Site-Data "storage").
const DB_NAME = 'zt-workspace'
export type StoreName = 'queue' | 'kv'

let opening: Promise<IDBDatabase> | null = null

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1)
    request.onupgradeneeded = () => {
      request.result.createObjectStore('queue', { keyPath: 'id' })
      request.result.createObjectStore('kv')
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => {
      opening = null
      reject(request.error)
    }
  })
  return opening
}

async function run<T>(store: StoreName, mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>) {
  const db = await open()
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode)
    const request = act(tx.objectStore(store))
    tx.oncomplete = () => resolve(request.result)
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error)
  })
}

export const idbPut = (store: StoreName, value: unknown, key?: IDBValidKey) =>
  run(store, 'readwrite', (s) => s.put(value, key)).then(() => undefined)
export const idbGet = <T>(store: StoreName, key: IDBValidKey) =>
  run<T | undefined>(store, 'readonly', (s) => s.get(key))
export const idbDelete = (store: StoreName, key: IDBValidKey) =>
  run(store, 'readwrite', (s) => s.delete(key)).then(() => undefined)
export const idbAll = <T>(store: StoreName) => run<T[]>(store, 'readonly', (s) => s.getAll())
