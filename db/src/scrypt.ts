// scrypt hashes in the `scrypt$N$r$p$salt$hash` format (base64url): people's passwords (passwords.ts), and
// gateway secrets stored before ADR 0004's revision, which still verify and are re-hashed on next connect.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/** scrypt's cost: memory and time grow with N·r, parallel work with p. */
export interface ScryptCost {
  N: number
  r: number
  p: number
}

const KEY_LEN = 32

function derive(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, KEY_LEN, { N: n, r, p, maxmem: 256 * n * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

/** Parameters travel with the hash so they can change later. */
export async function hashScrypt(secret: string, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(secret, salt, cost.N, cost.r, cost.p)
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyScrypt(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(secret, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p))
  return key.length === expected.length && timingSafeEqual(key, expected)
}
