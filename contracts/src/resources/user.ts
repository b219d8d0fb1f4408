// A person's account for the console (ADR 0010), and the audit log of what people changed: the schemas the
// admin routes validate with, the repositories return and the console renders.
import { type Static, Type } from 'typebox'
import { TOKEN_ROLES } from '../roles.ts'
import { DateTime, Id, LANGS, Nullable, NullableDateTime } from './common.ts'

const Email = Type.String({
  minLength: 3,
  maxLength: 254,
  pattern: '^[^\\s@]+@[^\\s@]+$',
  description: 'Sign-in name; compared without regard to case',
})

export const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: Type.Enum(TOKEN_ROLES),
  cooperativeId: Nullable(Type.String(), { description: 'Set exactly for the cooperative role' }),
  lang: Type.Enum(LANGS, { description: 'The language the console speaks to this person' }),
  disabled: Type.Boolean(),
  createdAt: DateTime,
  lastLoginAt: NullableDateTime,
})
export type User = Static<typeof User>

/** Creating an account: the password is chosen by the platform unless given. */
export const UserBody = Type.Object({
  email: Email,
  displayName: Type.String({ minLength: 1, maxLength: 120 }),
  role: Type.Enum(TOKEN_ROLES),
  cooperativeId: Type.Optional(Id('Required for the cooperative role, refused for the others')),
  lang: Type.Optional(Type.Enum(LANGS)),
  password: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
})
export type UserBody = Static<typeof UserBody>

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: DateTime,
  userId: Nullable(Type.String()),
  actor: Type.String({ description: "The account's email at the time, or `cli`" }),
  action: Type.String({ description: 'What was done, e.g. `POST /api/v1/alerts/{alertId}/ack`' }),
  target: Nullable(Type.String()),
  detail: Type.Unknown({ description: 'The route parameters and the non-secret fields of the request' }),
  address: Nullable(Type.String()),
})
export type AuditEntry = Static<typeof AuditEntry>
