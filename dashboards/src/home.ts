import type { TokenRole } from '@zonetrace/contracts'

/** Where a person starts: officers and admins on the console's map, a cooperative in its workspace. */
export function homeOf(role: TokenRole): string {
  return role === 'cooperative' ? '/workspace' : '/console'
}
