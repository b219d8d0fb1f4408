// What a new rule's scope must be in the database: an existing growing area, gateway or sensor that the
// actor may see, and for a sensor rule a metric that sensor actually reports. A scope of another
// cooperative answers exactly like a missing one (trace/actor.ts).
import type { AlertRule } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { found } from '../found.ts'
import type { Actor } from '../trace/actor.ts'

type Scope = Pick<AlertRule, 'zone' | 'gatewayId' | 'sensorId' | 'metric'>

export async function checkRuleScope(db: Pick<Database, 'query'>, actor: Actor, rule: Scope): Promise<void> {
  if (rule.zone !== null) {
    const [zone] = await db.query<{ owner: string | null }>(
      `select cooperative_id as owner from growing_areas where code = $1`,
      [rule.zone],
    )
    visible(actor, zone, `growing area "${rule.zone}"`)
    return
  }
  if (rule.gatewayId !== null) {
    const [gateway] = await db.query<{ owner: string | null }>(
      `select ga.cooperative_id as owner from gateways g join growing_areas ga on ga.code = g.zone_code
        where g.id = $1`,
      [rule.gatewayId],
    )
    visible(actor, gateway, `gateway "${rule.gatewayId}"`)
    return
  }
  const channels = await db.query<{ metric: string; owner: string | null }>(
    `select s.metric, ga.cooperative_id as owner from sensors s join growing_areas ga on ga.code = s.zone_code
      where s.id = $1 order by s.metric`,
    [rule.sensorId],
  )
  visible(actor, channels[0], `sensor "${rule.sensorId}"`)
  const reported = channels.map((c) => c.metric)
  if (rule.metric !== null && !reported.includes(rule.metric)) {
    throw new RegistryError(
      `sensor "${rule.sensorId}" does not report ${rule.metric}; it reports ${reported.join(', ')}`,
      'invalid',
    )
  }
}

function visible(actor: Actor, row: { owner: string | null } | undefined, what: string): void {
  found(row && (actor.cooperativeId === null || row.owner === actor.cooperativeId), `${what} not found`)
}
