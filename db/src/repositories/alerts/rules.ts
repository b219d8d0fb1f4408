// Alert rules in the database. Rule rows are never deleted while alerts point at them: deleting retires
// a rule (deleted_at), which bumps updated_at, the column evaluators poll to learn that rules changed
// (retire.ts). Custom rules are written here; preset rules are written from a zone's preset (preset-rules.ts).
import {
  type AlertRule,
  type Metric,
  type RuleInput,
  type RuleKind,
  type Severity,
  validateRule,
} from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { type Actor, ANY_COOPERATIVE, ownedBy } from '../trace/actor.ts'
import { checkRuleScope } from './rule-scope.ts'

type Queryable = Pick<Database, 'query'>

export const RULE_COLUMNS = `r.id, r.zone_code as "zone", r.gateway_id as "gatewayId", r.sensor_id as "sensorId",
  r.metric, r.kind, r.min, r.max, r.rate_per_minute as "ratePerMinute", r.silent_seconds as "silentSeconds",
  r.for_seconds as "forSeconds", r.repeat_count as "repeatCount", r.repeat_window_seconds as "repeatWindowSeconds",
  r.clear_margin as "clearMargin", r.clear_for_seconds as "clearForSeconds", r.severity,
  r.active_from as "activeFrom", r.active_to as "activeTo", r.name, r.origin, r.preset, r.unconfirmed`

export type RuleRecord = {
  id: number
  zone: string | null
  gatewayId: string | null
  sensorId: string | null
  metric: string | null
  kind: RuleKind
  min: number | null
  max: number | null
  ratePerMinute: number | null
  silentSeconds: number | null
  forSeconds: number
  repeatCount: number | null
  repeatWindowSeconds: number | null
  clearMargin: number
  clearForSeconds: number
  severity: Severity
  activeFrom: string | null
  activeTo: string | null
  name: string | null
  origin: 'custom' | 'preset'
  preset: string | null
  unconfirmed: boolean
}

export function ruleOf(r: RuleRecord): AlertRule {
  return {
    id: r.id,
    zone: r.zone,
    gatewayId: r.gatewayId,
    sensorId: r.sensorId,
    metric: r.metric as Metric | null,
    kind: r.kind,
    min: r.min,
    max: r.max,
    ratePerMinute: r.ratePerMinute,
    silentSeconds: r.silentSeconds,
    forSeconds: r.forSeconds,
    repeat:
      r.repeatCount === null || r.repeatWindowSeconds === null
        ? null
        : { count: r.repeatCount, withinSeconds: r.repeatWindowSeconds },
    clearMargin: r.clearMargin,
    clearForSeconds: r.clearForSeconds,
    severity: r.severity,
    activeHours: r.activeFrom && r.activeTo ? { from: r.activeFrom, to: r.activeTo } : null,
    name: r.name,
    origin: r.origin,
    preset: r.preset,
    unconfirmed: r.unconfirmed,
  }
}

/** Every rule in force, for an evaluator. */
export async function loadActiveRules(db: Pick<Database, 'query'>): Promise<AlertRule[]> {
  const rows = await db.query<RuleRecord>(
    `select ${RULE_COLUMNS} from alert_rules r where r.deleted_at is null order by r.id`,
  )
  return rows.map(ruleOf)
}

/**
 * Changes whenever a rule is created, changed or retired, or a sensor is provisioned (a zone or gateway
 * rule then covers one more channel): an evaluator reloads when it differs from what it loaded. The count
 * of rules in force is part of it because a retirement whose transaction started before a concurrent write
 * may stamp an updated_at that is not the newest.
 */
export async function rulesVersion(db: Pick<Database, 'query'>): Promise<string> {
  const [row] = await db.query<{ version: string }>(
    `select concat_ws('/', (select max(updated_at)::text from alert_rules), (select count(*) from alert_rules),
                      (select count(*) from alert_rules where deleted_at is null),
                      (select count(*) from sensors), (select max(created_at)::text from sensors)) as version`,
  )
  return row?.version ?? ''
}

/** A rule as the API shows it: what the evaluator reads, plus where it watches and who wrote it. */
export interface RuleView extends AlertRule {
  /** The growing area the rule watches: its zone, or the zone of its gateway or sensor. */
  scopeZone: string | null
  createdBy: string | null
  createdAt: string
  updatedAt: string
  /** Set once the rule is retired; retired rules stay readable because their alerts point at them. */
  deletedAt: string | null
}

type RuleViewRecord = RuleRecord & {
  scopeZone: string | null
  ownerId: string | null
  createdBy: string | null
  createdAt: Date
  updatedAt: Date
  deletedAt: Date | null
}

// A sensor id's channels share one gateway and zone, so any of its rows names the zone.
const RULE_VIEW_SQL = `select ${RULE_COLUMNS}, ga.code as "scopeZone", ga.cooperative_id as "ownerId",
    r.created_by as "createdBy", r.created_at as "createdAt", r.updated_at as "updatedAt",
    r.deleted_at as "deletedAt"
  from alert_rules r
  left join gateways gw on gw.id = r.gateway_id
  left join lateral (select s.zone_code from sensors s where s.id = r.sensor_id limit 1) sz on true
  left join growing_areas ga on ga.code = coalesce(r.zone_code, gw.zone_code, sz.zone_code)`

function ruleView(r: RuleViewRecord): RuleView {
  return {
    ...ruleOf(r),
    scopeZone: r.scopeZone,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    deletedAt: r.deletedAt?.toISOString() ?? null,
  }
}

export const RULE_ORIGINS = ['custom', 'preset'] as const

export interface RuleFilter {
  /** Rules that watch this growing area, whatever their scope (zone, one of its gateways or sensors). */
  zone?: string
  /** Rules scoped to this gateway or to one of its sensors. */
  gatewayId?: string
  sensorId?: string
  metric?: string
  origin?: string
}

/** Rules in force, oldest first; a cooperative sees those of its own growing areas only. */
export async function listRules(db: Queryable, actor: Actor, filter: RuleFilter = {}): Promise<RuleView[]> {
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
  const rows = await db.query<RuleViewRecord>(`${RULE_VIEW_SQL} where ${where} order by r.id`, params)
  return rows.map(ruleView)
}

/** One rule, retired or not; null when it does not exist or lies outside the actor's growing areas. */
export async function getRule(db: Queryable, actor: Actor, id: number): Promise<RuleView | null> {
  const params: unknown[] = [id]
  const [row] = await db.query<RuleViewRecord>(
    `${RULE_VIEW_SQL} where r.id = $1${ownedBy(actor, 'ga.cooperative_id', params)}`,
    params,
  )
  return row ? ruleView(row) : null
}

/**
 * Creates a custom rule from a client's input. validateRule decides what a rule may be; this adds what only
 * the database knows: the zone, gateway or sensor exists (and is the actor's), and a sensor rule's metric is
 * one that sensor reports.
 */
export async function createRule(db: Database, actor: Actor, input: RuleInput): Promise<RuleView> {
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
  return (await getRule(db, ANY_COOPERATIVE, row!.id))!
}
