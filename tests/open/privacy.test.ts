// Privacy of everything public (issue 17): a crawl of every answer under /ogc, /open, / and /ban-do — each
// page in JSON and HTML, Vietnamese and English, every download file, every same-origin link any of them
// gives — searched for what must never be published: the private area (its code in any case, its gateway),
// gateway secrets and their hashes, tokens, session and password hashes, a webhook secret, a consumer's
// feedback text, a label scan's exact position, a person's e-mail and name. Every link the server gives
// must also answer 200.
import { consolePages } from '@zonetrace/dashboards'
import { createUser } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedTraceRegistry } from '../helpers/trace-fixtures.ts'
import { type Crawl, crawl } from './crawl.ts'
import { PRIVATE_AREA, PUBLIC_AREAS, startOpenWorld } from './open-world.ts'

/** Seeded values that are distinctive enough to be found nowhere by chance. */
const SEEDED = {
  feedback: 'Góp ý riêng tư ZXQ-7731: hàng bị dập',
  email: 'nguoi.rieng.tu.7731@example.vn',
  personName: 'Trần Thị Riêngtư',
  // A scan's exact position; the area it is near is public, the position is not. Stored as float4.
  scanLat: 9.934567,
  scanLon: 106.071234,
  scanUaHash: 'uahash-7731-zxq',
  sessionHash: 'sessionhash-7731-zxq-0f3a9c',
  webhookSecret: 'whsec-7731-zxq-d41d8cd98f00b204',
  serial: 'SER-PRIV-7731',
} as const

const world = sharedFixture(async () => {
  // With the console's pages, so the public map (`/`, `/ban-do`) is crawled with the rest.
  const w = await startOpenWorld({}, { pages: [consolePages] })
  const db = w.test.db
  // Lots on a public area, so feedback and scans have something to belong to.
  await seedTraceRegistry(db)
  await db.query(
    `insert into label_serials (serial, lot_id, kid, scan_count, last_lat, last_lon, last_located_at)
                  values ($1, 'DS2610A', 'kid-test', 1, $2, $3, now())`,
    [SEEDED.serial, SEEDED.scanLat, SEEDED.scanLon],
  )
  await db.query(
    `insert into label_scans (serial, lot_id, lat, lon, region, ua_hash, verdict)
     values ($1, 'DS2610A', $2, $3, 'VN-57', $4, 'genuine')`,
    [SEEDED.serial, SEEDED.scanLat, SEEDED.scanLon, SEEDED.scanUaHash],
  )
  await db.query(
    `insert into feedback (lot_id, serial, rating, comment, lang) values ('DS2610A', $1, 2, $2, 'vi')`,
    [SEEDED.serial, SEEDED.feedback],
  )
  const user = await createUser(db, {
    email: SEEDED.email,
    displayName: SEEDED.personName,
    role: 'cooperative',
    cooperativeId: 'htx-test',
    password: 'mật-khẩu-riêng-7731',
  })
  await db.query(
    `insert into sessions (token_hash, user_id, expires_at, max_until, address, user_agent)
     values ($1, $2, now() + interval '1 day', now() + interval '7 days', '203.0.113.77', 'Zalo-7731')`,
    [SEEDED.sessionHash, user.id],
  )
  await db.query(
    `insert into webhooks (url, secret, description) values ('https://hooks.example.vn/7731', $1, 'x')`,
    [SEEDED.webhookSecret],
  )
  const cooperativeToken = (await w.auth({ role: 'cooperative', cooperativeId: 'htx-test' })).authorization
  w.app.openData.clear()
  const run = await w.app.jobs.run('open-data')
  if (run.status !== 'ok') throw new Error(`open-data job: ${run.status} ${run.error}`)
  return Object.assign(w, { cooperativeToken: cooperativeToken.slice('Bearer '.length) })
}, 120_000)

const ROOTS = [
  '/ogc',
  '/ogc/collections',
  '/ogc/conformance',
  '/ogc/api',
  '/open/catalog.jsonld',
  '/open/downloads',
  '/',
  '/ban-do',
]

const inScope = (path: string) =>
  path === '/' || path === '/ban-do' || path.startsWith('/ogc') || path.startsWith('/open/')

/** The other formats and languages of a page: both formats of /ogc and the downloads list, English too. */
function variants(url: URL): string[] {
  const withParams = (params: Record<string, string>) => {
    const v = new URL(url)
    for (const [k, value] of Object.entries(params)) v.searchParams.set(k, value)
    return v.pathname + v.search
  }
  if (url.pathname.startsWith('/ogc') && url.pathname !== '/ogc/api') {
    return [withParams({ f: 'json' }), withParams({ f: 'html' }), withParams({ f: 'html', lang: 'en' })]
  }
  if (url.pathname === '/open/downloads') {
    return [withParams({ f: 'json' }), withParams({ f: 'html' }), withParams({ lang: 'en' })]
  }
  if (url.pathname === '/' || url.pathname === '/ban-do') return [withParams({ lang: 'en' })]
  return []
}

describe('the crawl of every public answer', () => {
  let result: Crawl
  const crawled = async () => {
    result ??= await crawl(world.app, {
      roots: ROOTS,
      origins: [new URL(world.config.publicBaseUrl).origin, 'http://localhost:80', 'http://localhost'],
      inScope,
      variants,
      maxPages: 3000,
    })
    return result
  }

  it('visits the whole public surface: every root, items and single features, downloads, both languages', async () => {
    const { pages, unvisited } = await crawled()
    expect(unvisited, 'the bound stopped the crawl before it was done').toEqual([])
    const urls = pages.map((p) => p.url)
    for (const root of ROOTS) expect(urls).toContain(root)
    const count = (pattern: RegExp) => urls.filter((u) => pattern.test(u)).length
    expect(count(/^\/ogc\/collections\/daily-water\/items\/[^?]+/)).toBeGreaterThan(20)
    expect(count(/^\/ogc\/collections\/growing-areas\/items\//)).toBeGreaterThanOrEqual(PUBLIC_AREAS.length)
    expect(count(/^\/open\/downloads\/.+\.(csv|geojson)$/)).toBeGreaterThanOrEqual(6)
    expect(count(/lang=en/)).toBeGreaterThan(10)
    expect(count(/f=html/)).toBeGreaterThan(10)
    expect(pages.length).toBeGreaterThan(100)
  })

  it('every link the server gives answers 200', async () => {
    const { pages } = await crawled()
    expect(pages.filter((p) => p.status !== 200).map((p) => `${p.status} ${p.url}`)).toEqual([])
  })

  it('no answer carries the private area, a secret, a token, feedback, a scan position or a person', async () => {
    const { pages } = await crawled()
    const db = world.test.db
    const hashes = await db.query<{ value: string; what: string }>(
      `select secret_hash as value, 'gateway secret hash ' || id as what from gateways
       union all select password_hash, 'password hash of ' || email from users
       union all select token_hash, 'session token hash' from sessions`,
    )
    const privateGateways = await db.query<{ id: string }>('select id from gateways where zone_code = $1', [
      PRIVATE_AREA,
    ])
    expect(privateGateways.length).toBeGreaterThan(0)
    const needles: { what: string; text: string; anyCase?: boolean }[] = [
      { what: 'private area code', text: PRIVATE_AREA, anyCase: true },
      ...privateGateways.map((g) => ({ what: 'private area gateway', text: g.id, anyCase: true })),
      ...world.secrets.map((s) => ({ what: 'gateway secret or admin token', text: s })),
      { what: 'cooperative token', text: world.cooperativeToken },
      ...hashes.map((h) => ({ what: h.what, text: h.value })),
      { what: 'webhook secret', text: SEEDED.webhookSecret },
      { what: 'feedback text', text: SEEDED.feedback },
      { what: 'feedback text (fragment)', text: 'ZXQ-7731' },
      // The position as float4 prints it (9.934567, 106.07123), to five decimals.
      { what: 'scan latitude', text: String(SEEDED.scanLat).slice(0, 7) },
      { what: 'scan longitude', text: String(SEEDED.scanLon).slice(0, 9) },
      { what: 'scan user-agent hash', text: SEEDED.scanUaHash },
      { what: 'e-mail', text: SEEDED.email, anyCase: true },
      { what: "person's name", text: SEEDED.personName },
      { what: 'session address', text: '203.0.113.77' },
    ]
    expect(
      needles.filter((n) => n.text.length < 6),
      'every needle is distinctive',
    ).toEqual([])
    const leaks: string[] = []
    for (const page of pages) {
      const lower = page.text.toLowerCase()
      for (const needle of needles) {
        const found = needle.anyCase
          ? lower.includes(needle.text.toLowerCase())
          : page.text.includes(needle.text)
        if (found) leaks.push(`${needle.what} in ${page.url}`)
      }
    }
    expect(leaks).toEqual([])
  })

  it('the seeded private things exist, so their absence above means something', async () => {
    const db = world.test.db
    const [row] = await db.query<{ feedback: number; scans: number; users: number; hidden: boolean }>(
      `select (select count(*)::int from feedback where comment = $1) as feedback,
              (select count(*)::int from label_scans where serial = $2 and lat is not null) as scans,
              (select count(*)::int from users where email = $3) as users,
              (select not public from growing_areas where code = $4) as hidden`,
      [SEEDED.feedback, SEEDED.serial, SEEDED.email, PRIVATE_AREA],
    )
    expect(row).toEqual({ feedback: 1, scans: 1, users: 1, hidden: true })
    // And the crawl does see public data the same way it would see a leak.
    const { pages } = await crawled()
    expect(pages.some((p) => p.text.includes(PUBLIC_AREAS[0]))).toBe(true)
    expect(pages.some((p) => p.text.toLowerCase().includes(PUBLIC_AREAS[1].toLowerCase()))).toBe(true)
  })
})
