// Who may call the API, once: the roles a bearer token carries and the groups routes allow. The API's
// requireRole takes these lists; browser code reads them to show what a signed-in user may do.

/** Roles a token can carry; a caller without a token is `public`. */
export const TOKEN_ROLES = ['admin', 'officer', 'cooperative'] as const
export type TokenRole = (typeof TOKEN_ROLES)[number]
export type Role = TokenRole | 'public'

/** Anyone signed in: a cooperative sees its own records, officers and admins see all. */
export const SIGNED_IN_ROLES = ['cooperative', 'officer', 'admin'] as const satisfies readonly TokenRole[]

/** Staff: officers and admins, who run jobs, write rules and see dead letters. */
export const STAFF_ROLES = ['officer', 'admin'] as const satisfies readonly TokenRole[]
