// Scan log and clone detection. A copied label still verifies, so how often and where a serial is scanned
// is the practical signal (traceability-standards.md, "Anti-counterfeit practice").
import type { CloneFlag, FlaggedLabel, LotScanReport, ScanSummary } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'
import { type Actor, ownedBy } from './actor.ts'
import { type ClonePolicy, cloneFlagFor } from './clone-rules.ts'

export interface ScanInput {
  serial: string
  lotId: string
  /** Coarse position (already rounded by the caller), when a trusted proxy supplied one. */
  lat: number | null
  lon: number | null
  region: string | null
  uaHash: string | null
  verdict: string
}

/** Records one scan; see recordScans. */
export async function recordScan(db: Database, scan: ScanInput, policy: ClonePolicy): Promise<ScanSummary> {
  const [summary] = await recordScans(db, [scan], policy)
  return summary!
}

type IssuedTally = {
  serial: string
  lotId: string
  before: number
  firstAt: Date
  flag: CloneFlag | null
  prevLat: number | null
  prevLon: number | null
  prevAt: Date | null
}

/** A serial's tally before this group of scans, from the statement's `issued i` and `bumped b`. */
const tallyColumns: Columns<IssuedTally> = {
  serial: 'i.serial',
  lotId: 'i.lot_id',
  before: 'b.before',
  firstAt: 'b.first_scanned_at',
  flag: 'b.clone_flag',
  prevLat: 'i.last_lat',
  prevLon: 'i.last_lon',
  prevAt: 'i.last_located_at',
}

/**
 * Records a batch of scans in one statement (one commit however many phones scan at once) and returns
 * each scan's tally in order, as if they had been recorded one by one. A serial not issued for the lot
 * named in its scan records nothing and answers count 0. Flags a serial the first time a clone rule trips.
 */
export async function recordScans(
  db: Database,
  scans: ScanInput[],
  policy: ClonePolicy,
): Promise<ScanSummary[]> {
  if (scans.length === 0) return []
  const col = <K extends keyof ScanInput>(k: K) => scans.map((s) => s[k])
  // No FOR UPDATE: the UPDATE takes the row locks, and its RETURNING gives the tally as it was just before
  // this group even when another process scanned the same serial concurrently (a row locked and updated
  // in one statement's CTEs would be skipped). The previous location comes from the statement's snapshot.
  const rows = await db.query<IssuedTally>(
    // A scan log is evidence of copying, not a reading: losing the last fraction of a second of scans in
    // a server crash is acceptable, so this statement's commit does not wait for its WAL flush (the
    // database stays consistent either way). Set inside the statement: one round trip per group.
    `with relaxed as (select set_config('synchronous_commit', 'off', true)),
      input as (
        select * from unnest($1::text[], $2::text[], $3::real[], $4::real[], $5::text[], $6::text[], $7::text[])
          with ordinality as t(serial, lot_id, lat, lon, region, ua_hash, verdict, ord)),
      issued as (
        select s.serial, s.lot_id, s.last_lat, s.last_lon, s.last_located_at
          from label_serials s
         where (s.serial, s.lot_id) in (select serial, lot_id from input)),
      matched as (
        select i.* from input i join label_serials s on s.serial = i.serial and s.lot_id = i.lot_id),
      logged as (
        insert into label_scans (serial, lot_id, lat, lon, region, ua_hash, verdict)
        select serial, lot_id, lat, lon, region, ua_hash, verdict from matched order by ord),
      tally as (
        select serial, count(*)::int as n,
               (array_agg(lat order by ord desc) filter (where lat is not null))[1] as lat,
               (array_agg(lon order by ord desc) filter (where lat is not null))[1] as lon
          from matched group by serial),
      bumped as (
        update label_serials s
           set scan_count = s.scan_count + t.n,
               first_scanned_at = coalesce(s.first_scanned_at, now()),
               last_lat = coalesce(t.lat, s.last_lat), last_lon = coalesce(t.lon, s.last_lon),
               last_located_at = case when t.lat is null then s.last_located_at else now() end
          from tally t where s.serial = t.serial
        returning s.serial, s.scan_count - t.n as before, s.first_scanned_at, s.clone_flag)
     select ${selectList(tallyColumns)}
       from issued i join bumped b on b.serial = i.serial cross join relaxed`,
    [col('serial'), col('lotId'), col('lat'), col('lon'), col('region'), col('uaHash'), col('verdict')],
  )
  const key = (serial: string, lotId: string) => `${lotId}/${serial}`
  const state = new Map(
    rows.map((r) => [key(r.serial, r.lotId), { ...r, count: r.before, newFlag: null as CloneFlag | null }]),
  )
  const now = new Date()
  const summaries = scans.map((scan): ScanSummary => {
    const s = state.get(key(scan.serial, scan.lotId))
    if (!s) return { count: 0, firstAt: null, flag: null }
    s.count += 1
    if (s.flag === null) {
      s.flag = cloneFlagFor(s.count, scan, s, policy, now)
      s.newFlag = s.flag
    }
    if (scan.lat !== null && scan.lon !== null) {
      s.prevLat = scan.lat
      s.prevLon = scan.lon
      s.prevAt = now
    }
    return { count: s.count, firstAt: s.firstAt.toISOString(), flag: s.flag }
  })
  const flagged = [...state.values()].filter((s) => s.newFlag !== null)
  if (flagged.length > 0) {
    await db.query(
      `update label_serials s set clone_flag = f.flag, clone_flagged_at = now()
         from unnest($1::text[], $2::text[]) as f(serial, flag)
        where s.serial = f.serial and s.clone_flag is null`,
      [flagged.map((f) => f.serial), flagged.map((f) => f.newFlag)],
    )
  }
  return summaries
}

/** A lot's tally, from its `label_serials`. */
const reportColumns: Columns<Omit<LotScanReport, 'flagged'>> = {
  issued: 'count(*)::int',
  scanned: 'count(*) filter (where scan_count > 0)::int',
  scans: 'coalesce(sum(scan_count), 0)::int',
}

/** A flagged serial, from `label_serials`. */
const flaggedColumns: Columns<FlaggedLabel> = {
  serial: 'serial',
  flag: 'clone_flag',
  flaggedAt: 'clone_flagged_at',
  scans: 'scan_count',
}

/** What the cooperative sees about its lot's labels: how many were scanned, and which look copied. */
export async function lotScanReport(
  db: Database,
  actor: Actor,
  lotId: string,
): Promise<LotScanReport | null> {
  const params: unknown[] = [lotId]
  const owned = await db.query(
    `select 1 from lots where id = $1${ownedBy(actor, 'cooperative_id', params)}`,
    params,
  )
  if (owned.length === 0) return null
  const [tally] = await db.query<Omit<LotScanReport, 'flagged'>>(
    `select ${selectList(reportColumns)} from label_serials where lot_id = $1`,
    [lotId],
  )
  const flagged = await db.query<WithInstants<FlaggedLabel, 'flaggedAt'>>(
    `select ${selectList(flaggedColumns)}
       from label_serials where lot_id = $1 and clone_flag is not null order by clone_flagged_at desc limit 500`,
    [lotId],
  )
  // An aggregate without group by answers one row, zeros for a lot without labels.
  return { ...tally!, flagged: flagged.map((f) => withIsoInstants(f, ['flaggedAt'])) }
}
