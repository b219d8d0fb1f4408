// Gateway secrets: 256-bit random tokens, stored as `hmac-sha256$salt$hash` (HMAC-SHA-256 keyed with a
// per-hash random salt). A secret with 256 bits of entropy cannot be guessed whatever the hash costs, so a
// slow KDF buys nothing and costs the broker CPU when 10,000 gateways reconnect after an outage (ADR 0004).
// Hashes from before (`scrypt$…`) still verify; the broker re-hashes them on the next successful connect.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { verifyScrypt } from './scrypt.ts'

const SCHEME = 'hmac-sha256'

export function generateSecret(): string {
  return randomBytes(32).toString('base64url')
}

function mac(secret: string, salt: Buffer): Buffer {
  return createHmac('sha256', salt).update(secret, 'utf8').digest()
}

/** Returns a promise, as the scrypt hash it replaced did, so callers need not change with the scheme. */
export async function hashSecret(secret: string): Promise<string> {
  return hashSecretNow(secret)
}

export function hashSecretNow(secret: string): string {
  const salt = randomBytes(16)
  return [SCHEME, salt.toString('base64url'), mac(secret, salt).toString('base64url')].join('$')
}

/** Checks a secret against either scheme; a malformed or unknown hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  if (stored.startsWith('scrypt$')) return verifyScrypt(secret, stored)
  const [scheme, salt, hash, extra] = stored.split('$')
  if (scheme !== SCHEME || !salt || !hash || extra !== undefined) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = mac(secret, Buffer.from(salt, 'base64url'))
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** True for a hash in an older scheme, to be replaced once the secret is known to be right. */
export function secretNeedsRehash(stored: string): boolean {
  return !stored.startsWith(`${SCHEME}$`)
}
