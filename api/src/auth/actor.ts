// The API's principal as the registry's Actor (db/src/repositories/trace/actor.ts decides what it may
// touch). A cooperative token is bound to its cooperative; officers and admins act for any.
import type { Actor } from '@zonetrace/db'
import type { Principal } from './tokens.ts'

export function actorOf(principal: Principal): Actor {
  return {
    cooperativeId: principal.role === 'cooperative' ? (principal.cooperativeId ?? null) : null,
    subject: principal.subject ?? null,
  }
}
