// Alert rules in the database. Rule rows are never deleted while alerts point at them: deleting retires
// a rule (deleted_at), which bumps updated_at, the column evaluators poll to learn that rules changed
// (retire.ts). Custom rules are written here; preset rules are written from a zone's preset (preset-rules.ts).
import {
  type AlertRule,
  RULE_ORIGINS,
  type Rule,
  type RuleBody,
  type RuleQuery,
  validateRule,
} from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'
import { found } from '../found.ts'
import { type Actor, ANY_COOPERATIVE, ownedBy } from '../trace/actor.ts'
import { checkRuleScope } from './rule-scope.ts'

type Queryable = Pick<Database, 'query'>

/** Every field of a rule as evaluated, from `alert_rules r` (ADR 0009: one column list per resource). */
const ruleColumns: Columns<AlertRule> = {
  id: 'r.id',
  zone: 'r.zone_code',
  gatewayId: 'r.gateway_id',
  sensorId: 'r.sensor_id',
  metric: 'r.metric',
  kind: 'r.kind',
  min: 'r.min',
  max: 'r.max',
  ratePerMinute: 'r.rate_per_minute',
  silentSeconds: 'r.silent_seconds',
  forSeconds: 'r.for_seconds',
  repeat: `case when r.repeat_count is not null and r.repeat_window_seconds is not null
    then json_build_object('count', r.repeat_count, 'withinSeconds', r.repeat_window_seconds) end`,
  clearMargin: 'r.clear_margin',
  clearForSeconds: 'r.clear_for_seconds',
  severity: 'r.severity',
  activeHours: `case when r.active_from <> '' and r.active_to <> ''
    then json_build_object('from', r.active_from, 'to', r.active_to) end`,
  name: 'r.name',
  origin: 'r.origin',
  preset: 'r.preset',
  unconfirmed: 'r.unconfirmed',
}

/** Every rule in force, for an evaluator. */
export async function loadActiveRules(db: Queryable): Promise<AlertRule[]> {
  return db.query<AlertRule>(
    `select ${selectList(ruleColumns)} from alert_rules r where r.deleted_at is null order by r.id`,
  )
}

/**
 * Changes whenever a rule is created, changed or retired, or a sensor is provisioned (a zone or gateway
 * rule then covers one more channel): an evaluator reloads when it differs from what it loaded. The count
 * of rules in force is part of it because a retirement whose transaction started before a concurrent write
 * may stamp an updated_at that is not the newest.
 */
export async function rulesVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: string }>(
    `select concat_ws('/', (select max(updated_at)::text from alert_rules), (select count(*) from alert_rules),
                      (select count(*) from alert_rules where deleted_at is null),
                      (select count(*) from sensors), (select max(created_at)::text from sensors)) as version`,
  )
  return row?.version ?? ''
}

/** A rule as the API shows it: the evaluator's fields, where it watches and who wrote it. */
const ruleViewColumns: Columns<Rule> = {
  ...ruleColumns,
  scopeZone: 'ga.code',
  createdBy: 'r.created_by',
  createdAt: 'r.created_at',
  updatedAt: 'r.updated_at',
  deletedAt: 'r.deleted_at',
}
const RULE_INSTANTS = ['createdAt', 'updatedAt', 'deletedAt'] as const
type RuleRow = WithInstants<Rule, (typeof RULE_INSTANTS)[number]>

// A sensor id's channels share one gateway and zone, so any of its rows names the zone.
const RULE_VIEW_SQL = `select ${selectList(ruleViewColumns)}
  from alert_rules r
  left join gateways gw on gw.id = r.gateway_id
  left join lateral (select s.zone_code from sensors s where s.id = r.sensor_id limit 1) sz on true
  left join growing_areas ga on ga.code = coalesce(r.zone_code, gw.zone_code, sz.zone_code)`

const ruleView = (row: RuleRow): Rule => withIsoInstants(row, RULE_INSTANTS)

/**
 * Rules in force, oldest first; a cooperative sees those of its own growing areas only. `zone` lists the
 * rules that watch the growing area whatever their scope (the zone, one of its gateways or sensors), and
 * `gatewayId` those scoped to the gateway or one of its sensors.
 */
export async function listRules(db: Queryable, actor: Actor, filter: RuleQuery = {}): Promise<Rule[]> {
  if (filter.origin !== undefined && !(RULE_ORIGINS as readonly string[]).includes(filter.origin)) {
    throw new RegistryError(`origin must be one of ${RULE_ORIGINS.join(', ')}`, 'invalid')
  }
  const params: unknown[] = []
  const arg = (v: unknown) => {
    params.push(v)
    return `$${params.length}`
  }
  let where = 'r.deleted_at is null'
  if (filter.zone !== undefined) where += ` and ga.code = ${arg(filter.zone)}`
  if (filter.gatewayId !== undefined) {
    const gw = arg(filter.gatewayId)
    where += ` and (r.gateway_id = ${gw} or r.sensor_id in (select id from sensors where gateway_id = ${gw}))`
  }
  if (filter.sensorId !== undefined) where += ` and r.sensor_id = ${arg(filter.sensorId)}`
  if (filter.metric !== undefined) where += ` and r.metric = ${arg(filter.metric)}`
  if (filter.origin !== undefined) where += ` and r.origin = ${arg(filter.origin)}`
  where += ownedBy(actor, 'ga.cooperative_id', params)
  const rows = await db.query<RuleRow>(`${RULE_VIEW_SQL} where ${where} order by r.id`, params)
  return rows.map(ruleView)
}

/** One rule, retired or not; null when it does not exist or lies outside the actor's growing areas. */
export async function findRule(db: Queryable, actor: Actor, id: number): Promise<Rule | null> {
  const params: unknown[] = [id]
  const [row] = await db.query<RuleRow>(
    `${RULE_VIEW_SQL} where r.id = $1${ownedBy(actor, 'ga.cooperative_id', params)}`,
    params,
  )
  return row ? ruleView(row) : null
}

/** findRule that refuses with not_found. */
export async function getRule(db: Queryable, actor: Actor, id: number): Promise<Rule> {
  return found(await findRule(db, actor, id), `rule ${id} not found`)
}

/**
 * Creates a custom rule from a client's input. validateRule decides what a rule may be; this adds what only
 * the database knows: the zone, gateway or sensor exists (and is the actor's), and a sensor rule's metric is
 * one that sensor reports.
 */
export async function createRule(db: Database, actor: Actor, input: RuleBody): Promise<Rule> {
  const checked = validateRule(input)
  if (!checked.ok) throw new RegistryError(checked.errors.join('; '), 'invalid')
  const r = checked.rule
  await checkRuleScope(db, actor, r)
  const [row] = await db.query<{ id: number }>(
    `insert into alert_rules (zone_code, gateway_id, sensor_id, metric, kind, min, max, rate_per_minute,
       silent_seconds, for_seconds, repeat_count, repeat_window_seconds, clear_margin, clear_for_seconds,
       severity, active_from, active_to, name, origin, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'custom', $19)
     returning id`,
    [
      r.zone,
      r.gatewayId,
      r.sensorId,
      r.metric,
      r.kind,
      r.min,
      r.max,
      r.ratePerMinute,
      r.silentSeconds,
      r.forSeconds,
      r.repeat?.count ?? null,
      r.repeat?.withinSeconds ?? null,
      r.clearMargin,
      r.clearForSeconds,
      r.severity,
      r.activeHours?.from ?? null,
      r.activeHours?.to ?? null,
      r.name,
      actor.subject,
    ],
  )
  return getRule(db, ANY_COOPERATIVE, row!.id)
}
