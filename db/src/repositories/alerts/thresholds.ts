// A growing area's thresholds: which preset it follows, its own values for single limits, and what is in
// force after both, each value with its source. Writing them rewrites the area's preset rules in the same
// transaction, so what GET shows is what the evaluator watches.
import {
  METRICS,
  type PresetId,
  type Severity,
  THRESHOLD_PRESETS,
  withVietnamese,
  type ZoneThresholds,
  type ZoneThresholdsBody,
} from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { NotFoundError } from '../found.ts'
import type { Actor } from '../trace/actor.ts'
import { applyOverrides, presetLimits, presetProblem, resolveOverrides } from './preset-limits.ts'
import { storedThresholds, writePresetRules } from './preset-rules.ts'

/** Null when the growing area does not exist. Thresholds are open data, like the areas themselves. */
export async function getZoneThresholds(
  db: Pick<Database, 'query'>,
  zone: string,
): Promise<ZoneThresholds | null> {
  const stored = await storedThresholds(db, zone)
  if (!stored) return null
  const { preset, overrides } = stored
  const rules = await db.query<{ id: number; metric: string; severity: string }>(
    `select id, metric, severity from alert_rules
      where zone_code = $1 and origin = 'preset' and deleted_at is null`,
    [zone],
  )
  const written = await db.query<{
    metric: string
    severity: Severity
    min: number | null
    max: number | null
    updatedBy: string | null
    updatedAt: Date
  }>(
    `select metric, severity, min, max, updated_by as "updatedBy", updated_at as "updatedAt"
       from area_threshold_overrides where zone_code = $1 order by metric, severity`,
    [zone],
  )
  const limits = preset === null ? [] : applyOverrides(presetLimits(preset), overrides)
  return {
    zone,
    preset:
      preset === null
        ? null
        : {
            id: preset,
            label: THRESHOLD_PRESETS[preset].label,
            standard: THRESHOLD_PRESETS[preset].standard,
          },
    limits: limits.map((l) =>
      withVietnamese({
        ...l,
        unit: METRICS[l.metric].unit,
        ruleId: rules.find((r) => r.metric === l.metric && r.severity === l.severity)?.id ?? null,
      }),
    ),
    overrides: written.map((o) => ({ ...o, updatedAt: o.updatedAt.toISOString() })),
  }
}

/**
 * Sets the area's preset and replaces its overrides, then rewrites its preset rules (a null preset retires
 * them). A cooperative may set only its own areas; another cooperative's area answers like a missing one.
 */
export async function setZoneThresholds(
  db: Database,
  actor: Actor,
  zone: string,
  input: ZoneThresholdsBody,
): Promise<ZoneThresholds> {
  const problem = input.preset === null ? null : presetProblem(input.preset)
  if (problem) throw new RegistryError(problem, 'invalid')
  const preset = input.preset as PresetId | null
  const checked = resolveOverrides(preset, input.overrides ?? [])
  if (!checked.ok) throw new RegistryError(checked.errors.join('; '), 'invalid')
  await db.transaction(async (tx) => {
    const [area] = await tx.query<{ owner: string | null }>(
      `select cooperative_id as owner from growing_areas where code = $1 for update`,
      [zone],
    )
    if (!area || (actor.cooperativeId !== null && area.owner !== actor.cooperativeId)) {
      throw new NotFoundError(`growing area ${zone} not found`)
    }
    await tx.query(`update growing_areas set threshold_preset = $2, updated_at = now() where code = $1`, [
      zone,
      preset,
    ])
    await tx.query(`delete from area_threshold_overrides where zone_code = $1`, [zone])
    const o = checked.overrides
    if (o.length > 0) {
      await tx.query(
        `insert into area_threshold_overrides (zone_code, metric, severity, min, max, updated_by)
         select $1, * from unnest($2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[])`,
        [
          zone,
          o.map((x) => x.metric),
          o.map((x) => x.severity),
          o.map((x) => x.min),
          o.map((x) => x.max),
          o.map(() => actor.subject),
        ],
      )
    }
    await writePresetRules(tx, zone, actor.subject)
  })
  return (await getZoneThresholds(db, zone))!
}
