// API bearer tokens: JWTs signed with the Ed25519 key from keys.ts. Claims: iss, aud, sub, role,
// cooperative_id (only for the cooperative role), iat, exp, jti.
import { randomUUID } from 'node:crypto'
import { type Role, TOKEN_ROLES, type TokenRole } from '@zonetrace/contracts'
import { errors, jwtVerify, SignJWT } from 'jose'
import { parseDuration } from '../duration.ts'
import type { AuthKeys } from './keys.ts'

// Defined once in contracts/src/roles.ts; re-exported for the API's own modules and its package index.
export { type Role, TOKEN_ROLES, type TokenRole }

export const TOKEN_ISSUER = 'zonetrace'
export const TOKEN_AUDIENCE = 'zonetrace-api'
export const DEFAULT_TOKEN_LIFETIME = '30d'

export interface TokenClaims {
  role: TokenRole
  /** Required for the cooperative role and refused for the others. */
  cooperativeId?: string
  /** Who the token is for; defaults to the role name. */
  subject?: string
  /** `30d`, `12h`, `90m`, `3600` (seconds)…; default 30 days. */
  expiresIn?: string
}

/** Who is calling, as the routes see it. */
export interface Principal {
  role: Role
  subject?: string
  cooperativeId?: string
}

export const PUBLIC_PRINCIPAL: Principal = Object.freeze({ role: 'public' })

/** Bad input to createToken or a token that does not verify; the message says which. */
export class TokenError extends Error {}

export function isTokenRole(role: unknown): role is TokenRole {
  return typeof role === 'string' && (TOKEN_ROLES as readonly string[]).includes(role)
}

export async function createToken(keys: AuthKeys, claims: TokenClaims): Promise<string> {
  const role: unknown = claims.role
  if (!isTokenRole(role)) throw new TokenError(`role must be one of ${TOKEN_ROLES.join(', ')}`)
  checkCooperative(role, claims.cooperativeId)
  const lifetime = claims.expiresIn ?? DEFAULT_TOKEN_LIFETIME
  const seconds = parseDuration(lifetime)
  if (seconds === null || seconds < 1) {
    throw new TokenError(`token lifetime "${lifetime}" must be a positive duration such as 30d, 12h or 3600`)
  }
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT(claims.cooperativeId ? { role, cooperative_id: claims.cooperativeId } : { role })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: keys.kid })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(claims.subject ?? role)
    .setIssuedAt(now)
    .setExpirationTime(now + seconds)
    .setJti(randomUUID())
    .sign(keys.privateKey)
}

export async function verifyToken(keys: AuthKeys, token: string): Promise<Principal> {
  let payload: Record<string, unknown>
  try {
    ;({ payload } = await jwtVerify(token, keys.publicKey, {
      algorithms: ['EdDSA'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'iat', 'exp'],
      clockTolerance: 5,
    }))
  } catch (err) {
    throw new TokenError(reasonOf(err))
  }
  const { role, cooperative_id: coop, sub } = payload
  if (!isTokenRole(role)) throw new TokenError('token carries no known role')
  if (coop !== undefined && typeof coop !== 'string')
    throw new TokenError('token cooperative_id is not valid')
  checkCooperative(role, coop)
  return coop ? { role, subject: String(sub), cooperativeId: coop } : { role, subject: String(sub) }
}

function checkCooperative(role: TokenRole, cooperativeId: string | undefined): void {
  if (role === 'cooperative' && !cooperativeId)
    throw new TokenError('the cooperative role needs a cooperative id')
  if (role !== 'cooperative' && cooperativeId) {
    throw new TokenError(`a cooperative id only goes with the cooperative role, not ${role}`)
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'token expired'
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'token signature does not verify'
  if (err instanceof errors.JWTClaimValidationFailed) return `token claim "${err.claim}" is not valid`
  if (err instanceof errors.JOSEAlgNotAllowed) return 'token algorithm is not accepted'
  return 'token is malformed'
}
