// What an evaluator starts from: the rules in force, the sensors and gateways they may cover, and the
// states persisted by the previous run.
import { type Database, loadActiveRules } from '@zonetrace/db'
import type { Evaluator } from './evaluator.ts'
import { buildRuleIndex, type GatewayInfo, type RuleIndex, type SensorInfo } from './rule-index.ts'
import { decodeState } from './state-codec.ts'

export async function loadRuleIndex(db: Pick<Database, 'query'>): Promise<RuleIndex> {
  const [rules, sensors, gateways] = await Promise.all([
    loadActiveRules(db),
    db.query<SensorInfo>(
      `select id as "sensorId", metric, gateway_id as "gatewayId", zone_code as zone from sensors`,
    ),
    db.query<GatewayInfo>(`select id as "gatewayId", zone_code as zone from gateways`),
  ])
  return buildRuleIndex(rules, sensors, gateways)
}

/** Restores the persisted states of rules still in force into a fresh evaluator. */
export async function restoreStates(db: Pick<Database, 'query'>, evaluator: Evaluator): Promise<void> {
  const rows = await db.query<{ ruleId: number; channel: string; track: string; state: unknown }>(
    `select s.rule_id as "ruleId", s.channel, s.track, s.state
       from rule_states s join alert_rules r on r.id = s.rule_id where r.deleted_at is null`,
  )
  for (const row of rows) {
    const stored = decodeState(row.state)
    if (!stored) continue
    const key = `${row.track}|${row.ruleId}|${row.channel}`
    if (stored.kind === 'channel') evaluator.states.set(key, stored.state)
    else evaluator.silenceStates.set(key, stored.state)
  }
}
