// Moves gateway secrets stored under an older hash scheme (scrypt) to the current one (ADR 0004) once a
// gateway has proved it knows its secret: the only moment the platform holds it in clear. Upgrades are
// written in batches, after the CONNACK, and a failed write only means the next connect tries again.
import type { Database } from '@zonetrace/db'
import { hashSecretNow, type SecretHashUpgrade, upgradeSecretHashes } from '@zonetrace/db'

export interface SecretUpgrades {
  /** Resolves to the new hash once stored, or null when the stored hash changed meanwhile (a rotation). */
  upgrade(gatewayId: string, from: string, secret: string): Promise<string | null>
}

interface Queued extends SecretHashUpgrade {
  done: ((stored: string | null) => void)[]
  failed: ((err: unknown) => void)[]
}

export function createSecretUpgrades(
  db: Pick<Database, 'query'>,
  windowMs = 100,
  maxBatch = 500,
): SecretUpgrades {
  let queue = new Map<string, Queued>()
  let timer: NodeJS.Timeout | undefined

  function flush(): void {
    if (timer) clearTimeout(timer)
    timer = undefined
    const batch = [...queue.values()]
    queue = new Map()
    upgradeSecretHashes(db, batch).then(
      (changed) => {
        const stored = new Set(changed)
        for (const u of batch) for (const d of u.done) d(stored.has(u.gatewayId) ? u.to : null)
      },
      (err) => {
        for (const u of batch) for (const f of u.failed) f(err)
      },
    )
  }

  return {
    upgrade(gatewayId, from, secret) {
      return new Promise((resolve, reject) => {
        const queued = queue.get(gatewayId)
        if (queued && queued.from === from) {
          queued.done.push(resolve)
          queued.failed.push(reject)
          return
        }
        queue.set(gatewayId, {
          gatewayId,
          from,
          to: hashSecretNow(secret),
          done: [resolve],
          failed: [reject],
        })
        if (queue.size >= maxBatch) flush()
        else if (!timer) {
          timer = setTimeout(flush, windowMs)
          // Pending upgrades never hold a stopping broker open; they are redone on the next connect.
          timer.unref()
        }
      })
    },
  }
}
