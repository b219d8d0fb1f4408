// What the broker knows about each gateway: its secret hash and its sensor channels, loaded from the
// registry on first use and kept for a while. After an outage every gateway reconnects at once, so lookups
// are batched (batched-lookup.ts), and a password that already passed its hash is remembered as sha256.
import { createHash, timingSafeEqual } from 'node:crypto'
import { type Database, loadGatewayAuths } from '@zonetrace/db'
import { type BatchOptions, createBatchedLookup } from '../batched-lookup.ts'
import { createSecretUpgrades } from './secret-upgrades.ts'

export interface GatewayRecord {
  secretHash: string
  /** `sensorId:metric` channels provisioned on this gateway. */
  channels: Set<string>
}

export interface GatewayDirectoryOptions {
  /** How long a loaded record is trusted before the next connect reloads it (secret rotation, removal). */
  recordTtlMs?: number
  /** Minimum spacing of channel reloads for one gateway when a reading names an unknown channel. */
  channelReloadMs?: number
  /** How long "no such gateway" is remembered, so a flood of bad usernames does not flood the DB. */
  unknownTtlMs?: number
  /** How registry lookups of gateways connecting at the same moment are gathered into one query. */
  lookupBatch?: BatchOptions
  /** How long a secret hash upgrade waits for others to share its UPDATE. */
  upgradeWindowMs?: number
}

export interface GatewayDirectory {
  lookup(gatewayId: string): Promise<GatewayRecord | null>
  /** Reloads the channels if the last reload is old enough; returns the current set either way. */
  refreshChannels(gatewayId: string): Promise<Set<string>>
  isVerified(gatewayId: string, password: string): boolean
  /** Only sticks if the record still carries the hash the password was checked against. */
  rememberVerified(gatewayId: string, secretHash: string, password: string): void
  /**
   * Re-hashes a secret stored under an older scheme, once the password is known to match `from`. Resolves
   * to the new hash when stored (null if the stored hash changed meanwhile); rejects on a database error.
   */
  upgradeSecret(gatewayId: string, from: string, password: string): Promise<string | null>
}

interface Entry {
  record: GatewayRecord
  loadedAt: number
  channelsLoadedAt: number
  /** sha256 of the password that passed its hash check against record.secretHash. */
  verified: Buffer | null
}

const MAX_UNKNOWN = 10_000

export function createGatewayDirectory(db: Database, opts: GatewayDirectoryOptions = {}): GatewayDirectory {
  const recordTtlMs = opts.recordTtlMs ?? 60_000
  const channelReloadMs = opts.channelReloadMs ?? 3_000
  const unknownTtlMs = opts.unknownTtlMs ?? 5_000
  const entries = new Map<string, Entry>()
  const unknown = new Map<string, number>()
  const loading = new Map<string, Promise<Entry | null>>()
  const loadBatched = createBatchedLookup((ids) => loadGatewayAuths(db, ids), opts.lookupBatch)
  const upgrades = createSecretUpgrades(db, opts.upgradeWindowMs)

  function load(gatewayId: string): Promise<Entry | null> {
    // Single flight: a reconnect storm of one gateway (or many clients per gateway) is one query.
    let p = loading.get(gatewayId)
    if (!p) {
      p = fetchEntry(gatewayId).finally(() => loading.delete(gatewayId))
      loading.set(gatewayId, p)
    }
    return p
  }

  async function fetchEntry(gatewayId: string): Promise<Entry | null> {
    const record = await loadBatched(gatewayId)
    const now = Date.now()
    if (!record) {
      entries.delete(gatewayId)
      if (unknown.size >= MAX_UNKNOWN) unknown.clear()
      unknown.set(gatewayId, now)
      return null
    }
    unknown.delete(gatewayId)
    const prev = entries.get(gatewayId)
    const verified = prev && prev.record.secretHash === record.secretHash ? prev.verified : null
    const entry = { record, loadedAt: now, channelsLoadedAt: now, verified }
    entries.set(gatewayId, entry)
    return entry
  }

  return {
    async lookup(gatewayId) {
      const now = Date.now()
      const entry = entries.get(gatewayId)
      if (entry && now - entry.loadedAt < recordTtlMs) return entry.record
      const missedAt = unknown.get(gatewayId)
      if (missedAt !== undefined && now - missedAt < unknownTtlMs) return null
      return (await load(gatewayId))?.record ?? null
    },
    async refreshChannels(gatewayId) {
      const entry = entries.get(gatewayId)
      if (entry && Date.now() - entry.channelsLoadedAt < channelReloadMs) return entry.record.channels
      if (entry) entry.channelsLoadedAt = Date.now()
      return (await load(gatewayId))?.record.channels ?? new Set()
    },
    isVerified(gatewayId, password) {
      const verified = entries.get(gatewayId)?.verified
      return verified != null && timingSafeEqual(verified, digest(password))
    },
    rememberVerified(gatewayId, secretHash, password) {
      const entry = entries.get(gatewayId)
      if (entry?.record.secretHash === secretHash) entry.verified = digest(password)
    },
    async upgradeSecret(gatewayId, from, password) {
      const stored = await upgrades.upgrade(gatewayId, from, password)
      // The cached record follows only if nothing replaced it meanwhile; the verified password stays valid.
      const entry = entries.get(gatewayId)
      if (stored && entry?.record.secretHash === from) entry.record = { ...entry.record, secretHash: stored }
      return stored
    },
  }
}

function digest(password: string): Buffer {
  return createHash('sha256').update(password).digest()
}
