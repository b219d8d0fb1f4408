// The label signing keys (ADR 0006), one private JWK per file under DATA_DIR/keys/labels/, mode 0600.
// The newest key that is not revoked signs; every key not revoked is published in the JWKS, so labels
// printed under an older key keep verifying after a rotation. Revoking a key takes it out of the JWKS:
// its labels then read as "unknown or revoked key", and its file keeps only the public part: the private
// scalar `d` is erased, so a copy of the folder taken later cannot sign with it. Every write is a whole
// new file renamed over the old one. Private keys leave this module only as KeyObjects.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto'
import { chmod, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { type LabelJwks, labelKeyId } from '@zonetrace/contracts'

interface StoredKey {
  kid: string
  createdAt: string
  revokedAt?: string
  file: string
  publicKey: KeyObject
  /** Absent once the key is revoked. */
  privateKey?: KeyObject
}

export interface LabelKeyInfo {
  kid: string
  createdAt: string
  revokedAt?: string
  active: boolean
}

export interface LabelKeyring {
  /** The key new labels are signed with; made on first use. */
  signingKey(): Promise<{ kid: string; privateKey: KeyObject }>
  /**
   * The private key `kid`, to sign a batch's links again when it is printed once more: null for a key this
   * keyring does not hold, 'revoked' for one whose private part was erased. Never makes a key. Optional for
   * keyrings that only verify (test doubles): without it no batch can be printed again.
   */
  privateKeyOf?(kid: string): Promise<KeyObject | 'revoked' | null>
  rotate(): Promise<LabelKeyInfo>
  revoke(kid: string): Promise<LabelKeyInfo>
  /** Public keys of every key not revoked, for /.well-known/jwks.json. */
  jwks(): Promise<LabelJwks>
  list(): Promise<LabelKeyInfo[]>
}

export class UnknownLabelKeyError extends Error {}

export function openLabelKeyring(dataDir: string): LabelKeyring {
  const dir = join(dataDir, 'keys', 'labels')

  // Every scan needs the JWKS, so keys are read from disk only when the folder changed (a rotation or
  // revocation by this process or by `zonetrace keys` in another), checked at most once a second.
  let cached: { keys: StoredKey[]; mtimeMs: number; checkedAt: number } | undefined
  const published = new WeakMap<StoredKey[], LabelJwks>()

  async function load(): Promise<StoredKey[]> {
    const now = Date.now()
    if (cached && now - cached.checkedAt < 1000) return cached.keys
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const { mtimeMs } = await stat(dir)
    if (cached && cached.mtimeMs === mtimeMs) {
      cached.checkedAt = now
      return cached.keys
    }
    const keys = await readKeys()
    cached = { keys, mtimeMs, checkedAt: now }
    return keys
  }

  async function readKeys(): Promise<StoredKey[]> {
    await chmod(dir, 0o700)
    const keys: StoredKey[] = []
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.jwk.json')).sort()) {
      const file = join(dir, name)
      const { createdAt, revokedAt, ...jwk } = JSON.parse(await readFile(file, 'utf8')) as JsonWebKey & {
        createdAt: string
        revokedAt?: string
      }
      if (typeof jwk.d !== 'string' && !revokedAt) {
        throw new Error(`label key file ${file} has no private part but is not revoked`)
      }
      const key: StoredKey = {
        kid: labelKeyId(jwk),
        createdAt,
        ...(revokedAt ? { revokedAt } : {}),
        file,
        publicKey: createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' }),
        ...(revokedAt ? {} : { privateKey: createPrivateKey({ key: jwk, format: 'jwk' }) }),
      }
      // Revoked before private parts were erased on revocation: erase it now.
      if (revokedAt && typeof jwk.d === 'string') await save(key)
      keys.push(key)
    }
    return keys.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  }

  /** Writes a key's file whole: a fresh temp file, flushed, renamed over the old one, directory flushed. */
  async function save(key: StoredKey): Promise<void> {
    const { kty, crv, x, d } = (key.privateKey ?? key.publicKey).export({ format: 'jwk' })
    const body = {
      kty,
      crv,
      x,
      ...(key.revokedAt ? { revokedAt: key.revokedAt } : { d }),
      createdAt: key.createdAt,
    }
    const tmp = `${key.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
    try {
      const handle = await open(tmp, 'wx', 0o600)
      try {
        await handle.writeFile(`${JSON.stringify(body)}\n`)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(tmp, key.file)
    } catch (err) {
      await rm(tmp, { force: true })
      throw err
    }
    const folder = await open(dir, 'r')
    try {
      await folder.sync()
    } finally {
      await folder.close()
    }
    cached = undefined
  }

  const info = (k: StoredKey, active: StoredKey | undefined): LabelKeyInfo => ({
    kid: k.kid,
    createdAt: k.createdAt,
    ...(k.revokedAt ? { revokedAt: k.revokedAt } : {}),
    active: k === active,
  })
  const activeOf = (keys: StoredKey[]) => keys.filter((k) => !k.revokedAt).at(-1)

  async function rotate(): Promise<LabelKeyInfo> {
    const { privateKey } = generateKeyPairSync('ed25519')
    // Creation times order the keys (the newest signs), so a rotation in the same millisecond as the
    // last one still comes strictly after it.
    const last = (await load()).at(-1)
    const createdAt = Math.max(Date.now(), last ? Date.parse(last.createdAt) + 1 : 0)
    const publicKey = createPublicKey(privateKey)
    const kid = labelKeyId(publicKey.export({ format: 'jwk' }))
    const created = new Date(createdAt).toISOString()
    const key: StoredKey = {
      kid,
      createdAt: created,
      file: join(dir, `${created.replace(/[:.]/g, '')}-${kid}.jwk.json`),
      publicKey,
      privateKey,
    }
    await save(key)
    return info(key, key)
  }

  return {
    async signingKey() {
      let active = activeOf(await load())
      if (!active) {
        await rotate()
        active = activeOf(await load())!
      }
      return { kid: active.kid, privateKey: active.privateKey! }
    },
    async privateKeyOf(kid) {
      const key = (await load()).find((k) => k.kid === kid)
      if (!key) return null
      return key.privateKey ?? 'revoked'
    },
    rotate,
    async revoke(kid) {
      const keys = await load()
      const key = keys.find((k) => k.kid === kid)
      if (!key) throw new UnknownLabelKeyError(`no label key with kid "${kid}"`)
      if (!key.revokedAt) {
        key.revokedAt = new Date().toISOString()
        delete key.privateKey
        await save(key)
      }
      return info(key, activeOf(keys))
    },
    async jwks() {
      const all = await load()
      const known = published.get(all)
      if (known) return known
      const keys = all.filter((k) => !k.revokedAt)
      const jwks: LabelJwks = {
        keys: keys.map((k) => ({
          ...k.publicKey.export({ format: 'jwk' }),
          kid: k.kid,
          alg: 'EdDSA',
          use: 'sig',
        })),
      }
      published.set(all, jwks)
      return jwks
    },
    async list() {
      const keys = await load()
      const active = activeOf(keys)
      return keys.map((k) => info(k, active))
    },
  }
}
