// The label keys a phone verifies with: fresh from /.well-known/jwks.json when there is a network (so a
// revoked key stops verifying within its five-minute cache), else the last copy kept in IndexedDB. The
// service worker keeps a copy too; this one also covers the first visit, before the worker controls a page.
import { idbGet, idbPut } from './idb.ts'
import type { PublishedKey } from './label-verify.ts'

const KEY = 'jwks'

export async function labelKeys(): Promise<PublishedKey[]> {
  try {
    const res = await fetch('/.well-known/jwks.json', { credentials: 'omit' })
    if (res.ok) {
      const { keys } = (await res.json()) as { keys: PublishedKey[] }
      await idbPut('kv', keys, KEY).catch(() => undefined)
      return keys
    }
  } catch {}
  return (await idbGet<PublishedKey[]>('kv', KEY).catch(() => undefined)) ?? []
}
