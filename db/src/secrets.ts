// Gateway secrets: 256-bit random tokens, stored only as scrypt hashes.
// The cost is minimal (N=2^10, r=1: about 0.4 ms) on purpose: the secret itself has 256 bits of entropy, so
// the KDF is not what stops guessing, and a broker must verify 10,000 gateways reconnecting after a 4G
// outage in seconds, not minutes (ADR 0004).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/** scrypt's cost: memory and time grow with N·r, parallel work with p. */
export interface ScryptCost {
  N: number
  r: number
  p: number
}

const GATEWAY_COST: ScryptCost = { N: 1024, r: 1, p: 1 }
const KEY_LEN = 32

export function generateSecret(): string {
  return randomBytes(32).toString('base64url')
}

function derive(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, KEY_LEN, { N: n, r, p, maxmem: 256 * n * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

/** `scrypt$N$r$p$salt$hash`, base64url; parameters travel with the hash so they can change later. */
export async function hashSecret(secret: string, cost: ScryptCost = GATEWAY_COST): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(secret, salt, cost.N, cost.r, cost.p)
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(secret, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p))
  return key.length === expected.length && timingSafeEqual(key, expected)
}
