// Retiring rules. A retired rule stays in the table (its alerts point at it) with deleted_at set; its open
// alerts are cleared through recordAlertEvents, so the live stream and webhooks learn that nobody watches
// that line any more, and its duration timers and repeat counters go with it.
import type { Rule } from '@zonetrace/contracts'
import type { Database, Transaction } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { NotFoundError } from '../found.ts'
import type { Actor } from '../trace/actor.ts'
import { recordAlertEvents } from './events.ts'
import { findRule, getRule } from './rules.ts'

export interface RetiredRule {
  rule: Rule
  /** Open alerts of the rule that were cleared with it. */
  clearedAlerts: number
}

/**
 * Retires one custom rule; not_found when it does not exist, is already retired or lies outside the actor's
 * growing areas. A preset rule is refused: it follows its zone's preset and would come back with it.
 */
export async function retireRule(db: Database, actor: Actor, id: number): Promise<RetiredRule> {
  return db.transaction(async (tx) => {
    // Two deletes of one rule queue here; the second then finds it retired and answers like a missing one.
    await tx.query(`select 1 from alert_rules where id = $1 for update`, [id])
    const rule = await findRule(tx, actor, id)
    if (!rule || rule.deletedAt !== null) throw new NotFoundError(`rule ${id} not found or already deleted`)
    if (rule.origin === 'preset') {
      throw new RegistryError(
        `rule ${id} comes from the threshold preset of growing area ${rule.zone}; ` +
          `change it with PUT /api/v1/zones/{code}/thresholds`,
        'conflict',
      )
    }
    const clearedAlerts = await retireRules(tx, [id], actor.subject, 'rule deleted')
    return { rule: await getRule(tx, actor, id), clearedAlerts }
  })
}

/**
 * Retires rules inside the caller's transaction and clears their open alerts with `note`; returns how many
 * alerts it cleared. clock_timestamp(), not now(): the evaluator polls max(updated_at), and a transaction's
 * start time can be older than a write that committed while it ran.
 */
export async function retireRules(
  tx: Transaction,
  ids: readonly number[],
  actor: string | null,
  note: string,
): Promise<number> {
  if (ids.length === 0) return 0
  const list = [...ids]
  await tx.query(
    `update alert_rules set deleted_at = clock_timestamp(), updated_at = clock_timestamp()
      where id = any($1::bigint[]) and deleted_at is null`,
    [list],
  )
  await tx.query(`delete from rule_states where rule_id = any($1::bigint[])`, [list])
  const cleared = await tx.query<{ id: number }>(
    `update alerts set state = 'cleared', cleared_at = clock_timestamp(), updated_at = clock_timestamp()
      where rule_id = any($1::bigint[]) and state = 'active'
      returning id`,
    [list],
  )
  cleared.sort((a, b) => a.id - b.id)
  await recordAlertEvents(
    tx,
    cleared.map((a) => ({ alertId: a.id, type: 'cleared' as const, dataTime: null, actor, note })),
  )
  return cleared.length
}
