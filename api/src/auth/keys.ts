// The Ed25519 key that signs API bearer tokens. Made on the first start, kept under DATA_DIR/keys/ and reused,
// so tokens printed by `zonetrace token create` stay valid across restarts.
import { randomBytes } from 'node:crypto'
import { chmod, link, mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose'

export interface AuthKeys {
  /** JWK thumbprint of the public key; sent as the token's `kid` so a rotation can tell keys apart. */
  kid: string
  privateKey: CryptoKey
  publicKey: CryptoKey
}

const AUTH_KEY_FILE = 'api-token-signing.jwk.json'

export async function loadOrCreateAuthKeys(dataDir: string): Promise<AuthKeys> {
  const dir = join(dataDir, 'keys')
  await mkdir(dir, { recursive: true, mode: 0o700 })
  // mkdir's mode only applies to a directory it creates.
  await chmod(dir, 0o700)
  const file = join(dir, AUTH_KEY_FILE)
  const stored = (await readIfExists(file)) ?? (await writeOnce(file, await newPrivateJwk()))
  return importKeys(file, stored)
}

async function newPrivateJwk(): Promise<string> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true })
  const jwk = await exportJWK(privateKey)
  return `${JSON.stringify({ ...jwk, alg: 'EdDSA', use: 'sig', createdAt: new Date().toISOString() })}\n`
}

async function importKeys(file: string, text: string): Promise<AuthKeys> {
  let jwk: JWK
  try {
    jwk = JSON.parse(text) as JWK
  } catch {
    jwk = {}
  }
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || typeof jwk.d !== 'string') {
    throw new Error(
      `${file} is not an Ed25519 private JWK; move it away to make a new key (tokens signed by the old one stop working)`,
    )
  }
  const pub = { kty: 'OKP', crv: 'Ed25519', x: jwk.x }
  return {
    kid: await calculateJwkThumbprint(pub),
    privateKey: (await importJWK({ ...pub, d: jwk.d }, 'EdDSA')) as CryptoKey,
    publicKey: (await importJWK(pub, 'EdDSA')) as CryptoKey,
  }
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

/**
 * Writes a complete temp file (mode 0600) and then publishes it under its final name in one step. link() refuses
 * to replace an existing file, so when two processes make their first start together both end up with the
 * key that won, not one each; rename() is the fallback where hard links are not supported.
 */
async function writeOnce(file: string, text: string): Promise<string> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  const handle = await open(tmp, 'wx', 0o600)
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await link(tmp, file)
    return text
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return readFile(file, 'utf8')
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err
    await rename(tmp, file)
    return text
  } finally {
    await rm(tmp, { force: true })
  }
}
