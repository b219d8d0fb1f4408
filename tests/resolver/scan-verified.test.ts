// Only requests whose signature verifies are scans. Anyone who knows a serial can request its page
// unsigned, with a made-up signature or under an unknown key, as often and from as many places as they
// like: none of it may count towards the serial's tally or make the genuine label read as copied.
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { issueLabels, pathOf, startTraceHarness } from '../trace/trace-harness.ts'

const api = sharedFixture(() =>
  startTraceHarness({ SCAN_GEO_HEADERS: 'cloudfront', CLONE_MAX_SCANS: '3', RESOLVER_RATE_LIMIT: '10000' }),
)
let label: { serial: string; url: string }

beforeAll(async () => {
  label = (await issueLabels(api))[0]!
})

const TRA_VINH = { lat: 9.93, lon: 106.34 }
const HA_NOI = { lat: 21.03, lon: 105.85 }
const at = ({ lat, lon }: { lat: number; lon: number }) => ({
  accept: 'application/json',
  'cloudfront-viewer-latitude': String(lat),
  'cloudfront-viewer-longitude': String(lon),
})

async function tally() {
  const [row] = await api.test.db.query<{ scan_count: number; clone_flag: string | null; logged: number }>(
    `select scan_count, clone_flag, (select count(*)::int from label_scans l where l.serial = s.serial) as logged
       from label_serials s where serial = $1`,
    [label.serial],
  )
  return row
}

describe('scans that count', () => {
  it('ignores 100 unsigned, badly signed and unknown-key requests for a real serial', async () => {
    const genuine = pathOf(label.url)
    const s = /s=([\w-]+)/.exec(genuine)![1]!
    const forgeries = [
      genuine.split('?')[0]!,
      genuine.replace(s, s.startsWith('A') ? `B${s.slice(1)}` : `A${s.slice(1)}`),
      genuine.replace(/k=[\w-]+/, 'k=AAAAAAAAAAA'),
      genuine.replace(s, `${s}==`),
    ]
    const reasons = new Set<string>()
    for (let i = 0; i < 100; i++) {
      const res = await api.app.inject({
        url: forgeries[i % forgeries.length]!,
        headers: at(i % 2 ? HA_NOI : TRA_VINH),
      })
      expect(res.statusCode).toBe(200)
      reasons.add(res.json().reason)
      expect(res.json().scans).toEqual({ count: 0, firstAt: null, flag: null })
    }
    expect([...reasons].sort()).toEqual(['bad_signature', 'unknown_key', 'unsigned'])
    expect(await tally()).toEqual({ scan_count: 0, clone_flag: null, logged: 0 })
    const report = await api.app.inject({ url: '/api/v1/lots/DS2610A/scans', headers: api.vicosap })
    expect(report.json()).toEqual({ issued: 1, scanned: 0, scans: 0, flagged: [] })
  })

  it('judges copies on verified scans alone: forged scans far away between two genuine ones trip nothing', async () => {
    const genuine = pathOf(label.url)
    const first = (await api.app.inject({ url: genuine, headers: at(TRA_VINH) })).json()
    expect(first).toMatchObject({ authentic: true, scans: { count: 1, flag: null } })
    for (let i = 0; i < 20; i++) {
      const forged = await api.app.inject({ url: genuine.split('?')[0]!, headers: at(HA_NOI) })
      expect(forged.json()).toMatchObject({ reason: 'unsigned', scans: { count: 1, flag: null } })
    }
    const second = (await api.app.inject({ url: genuine, headers: at(TRA_VINH) })).json()
    expect(second.scans).toEqual({ count: 2, firstAt: first.scans.firstAt, flag: null })
    expect(await tally()).toEqual({ scan_count: 2, clone_flag: null, logged: 2 })
    const verdicts = await api.test.db.query<{ verdict: string }>(
      `select verdict from label_scans where serial = $1`,
      [label.serial],
    )
    expect(verdicts.map((v) => v.verdict)).toEqual(['authentic', 'authentic'])
    // Verified scans still flag a copy: a genuine signature read in Hà Nội minutes after Trà Vinh.
    const far = (await api.app.inject({ url: genuine, headers: at(HA_NOI) })).json()
    expect(far.scans).toMatchObject({ count: 3, flag: 'impossible_travel' })
  })
})
