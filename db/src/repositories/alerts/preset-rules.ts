// A growing area's preset, with its overrides, written out as rules the evaluator reads: one rule of origin
// `preset` per limit, named by (zone, metric, severity). Rewriting is an upsert on that name, so a limit
// that stays keeps its rule id (its open alert and its duration state continue, even when a value changed)
// and only limits that are gone are retired. Every area with a preset is watched from its registration on.
import { isPresetId, type PresetId, validateRule } from '@zonetrace/contracts'
import type { Database, Transaction } from '../../database.ts'
import {
  applyOverrides,
  type EffectiveLimit,
  PRESET_RULE_TIMING,
  presetClearMargin,
  presetLimits,
  type StoredOverride,
} from './preset-limits.ts'
import { retireRules } from './retire.ts'

export interface PresetRulesChange {
  created: number
  updated: number
  retired: number
}

/** Re-derives the zone's preset rules from what is stored, in its own transaction (registerArea, seeds). */
export async function applyZonePreset(db: Database, zone: string, actor: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`select 1 from growing_areas where code = $1 for update`, [zone])
    await writePresetRules(tx, zone, actor)
  })
}

/** The zone's preset and overrides as stored; overrides of limits the preset no longer has are dropped. */
export async function storedThresholds(
  tx: Pick<Database, 'query'>,
  zone: string,
): Promise<{ preset: PresetId | null; overrides: StoredOverride[] } | null> {
  const [area] = await tx.query<{ preset: string | null }>(
    `select threshold_preset as preset from growing_areas where code = $1`,
    [zone],
  )
  if (!area) return null
  const preset = area.preset !== null && isPresetId(area.preset) ? area.preset : null
  const rows = await tx.query<StoredOverride>(
    `select metric, severity, min, max from area_threshold_overrides where zone_code = $1`,
    [zone],
  )
  const limits = preset === null ? [] : presetLimits(preset)
  const overrides = rows.filter((o) => limits.some((l) => l.metric === o.metric && l.severity === o.severity))
  return { preset, overrides }
}

/**
 * Writes the zone's preset rules inside the caller's transaction; the caller holds the zone's row lock so
 * two writers cannot both insert the same limit.
 */
export async function writePresetRules(
  tx: Transaction,
  zone: string,
  actor: string | null,
): Promise<PresetRulesChange> {
  const stored = await storedThresholds(tx, zone)
  const preset = stored?.preset ?? null
  // A preset switch (registerArea) leaves overrides of limits the new preset lacks: they name nothing now.
  await tx.query(
    `delete from area_threshold_overrides o where o.zone_code = $1
        and not exists (select 1 from unnest($2::text[], $3::text[]) k(metric, severity)
                         where k.metric = o.metric and k.severity = o.severity)`,
    [zone, (stored?.overrides ?? []).map((o) => o.metric), (stored?.overrides ?? []).map((o) => o.severity)],
  )
  const wanted = preset === null ? [] : applyOverrides(presetLimits(preset), stored?.overrides ?? [])
  const existing = await tx.query<{
    id: number
    metric: string
    severity: string
    min: number | null
    max: number | null
    preset: string | null
    unconfirmed: boolean
    clearMargin: number
  }>(
    `select id, metric, severity, min, max, preset, unconfirmed, clear_margin as "clearMargin"
       from alert_rules where zone_code = $1 and origin = 'preset' and deleted_at is null for update`,
    [zone],
  )
  const change: PresetRulesChange = { created: 0, updated: 0, retired: 0 }
  for (const limit of wanted) {
    const row = presetRow(zone, preset!, limit)
    const same = existing.find((e) => e.metric === limit.metric && e.severity === limit.severity)
    if (!same) {
      await insertPresetRule(tx, row, actor)
      change.created++
    } else if (
      same.min !== row.min ||
      same.max !== row.max ||
      same.preset !== row.preset ||
      same.unconfirmed !== row.unconfirmed ||
      same.clearMargin !== row.clearMargin
    ) {
      await tx.query(
        `update alert_rules set min = $2, max = $3, preset = $4, unconfirmed = $5, clear_margin = $6, name = $7,
                updated_at = clock_timestamp()
          where id = $1`,
        [same.id, row.min, row.max, row.preset, row.unconfirmed, row.clearMargin, row.name],
      )
      change.updated++
    }
  }
  const gone = existing.filter((e) => !wanted.some((l) => l.metric === e.metric && l.severity === e.severity))
  await retireRules(
    tx,
    gone.map((e) => e.id),
    actor,
    'limit removed from the growing area thresholds',
  )
  change.retired = gone.length
  return change
}

type PresetRow = ReturnType<typeof presetRow>

function presetRow(zone: string, preset: PresetId, limit: EffectiveLimit) {
  const clearMargin = presetClearMargin(limit)
  // Preset data is typed, but an override can still make a rule the engine must not get: say so loudly.
  const checked = validateRule({
    zone,
    metric: limit.metric,
    min: limit.min ?? undefined,
    max: limit.max ?? undefined,
    severity: limit.severity,
    ...PRESET_RULE_TIMING,
    ...(clearMargin > 0 ? { clearMargin } : {}),
  })
  if (!checked.ok) throw new Error(`preset ${preset} makes an invalid rule: ${checked.errors.join('; ')}`)
  return {
    zone,
    metric: limit.metric,
    severity: limit.severity,
    min: limit.min,
    max: limit.max,
    preset,
    unconfirmed: limit.unconfirmed,
    clearMargin,
    name: `${preset}: ${limit.metric} (${limit.severity})`,
  }
}

async function insertPresetRule(tx: Transaction, row: PresetRow, actor: string | null): Promise<void> {
  await tx.query(
    `insert into alert_rules (zone_code, metric, kind, min, max, for_seconds, clear_margin, clear_for_seconds,
       severity, name, origin, preset, unconfirmed, created_by, updated_at)
     values ($1, $2, 'threshold', $3, $4, $5, $6, $7, $8, $9, 'preset', $10, $11, $12, clock_timestamp())`,
    [
      row.zone,
      row.metric,
      row.min,
      row.max,
      PRESET_RULE_TIMING.forSeconds,
      row.clearMargin,
      PRESET_RULE_TIMING.clearForSeconds,
      row.severity,
      row.name,
      row.preset,
      row.unconfirmed,
      actor,
    ],
  )
}
