// People's passwords: scrypt (scrypt.ts), at the cost a guessable secret needs.
// N = 2^15, r = 8, p = 3 is one of OWASP's scrypt settings (32 MiB and about 0.3 s a hash on a 2-core box):
// dear enough to make a stolen table slow to attack, cheap enough that a few people signing in at once
// do not starve the broker of memory.
import { hashScrypt, type ScryptCost, verifyScrypt } from './scrypt.ts'

const PASSWORD_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 3 }

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200

/** Why a password may not be used, or null. Length is the rule that matters (NIST SP 800-63B §5.1.1). */
export function passwordRefusal(password: string): string | null {
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) return `a password needs at least ${PASSWORD_MIN_LENGTH} characters`
  if (length > PASSWORD_MAX_LENGTH) return `a password may have at most ${PASSWORD_MAX_LENGTH} characters`
  return null
}

export function hashPassword(password: string): Promise<string> {
  return hashScrypt(password.normalize('NFC'), PASSWORD_COST)
}

export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return verifyScrypt(password.normalize('NFC'), stored)
}

/** A hash to verify against when no account matches, so an unknown email takes as long as a known one. */
let decoy: Promise<string> | undefined
export function decoyPasswordHash(): Promise<string> {
  decoy ??= hashPassword('decoy password that signs no one in')
  return decoy
}
