// The map on the officer's home (/console): the <zone-map> island's script and style, its data inline as
// JSON with every area's polygon and open alerts, escaped so an area's name cannot end the script element;
// MAP_TILES_URL's origin in img-src; and one search filtering the map and the list alike (former commune
// name, cooperative).
import { provisionGateway, upsertCooperative, upsertGrowingArea } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedAlert } from '../alerts/harness.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { TEST_ZONE } from '../helpers/fixtures.ts'
import { addRule } from '../rules/engine-harness.ts'
import { ACCOUNTS, type ConsoleHarness, startConsoleHarness } from './console-fixture.ts'

const consoleApi = sharedFixture(() => startConsoleHarness(), 60_000)
const HOSTILE = 'VN-TEST-MAP-02'
const HOSTILE_NAME = 'Ao </script><script>alert(1)</script> thử'

const square = (lon: number, lat: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon, lat],
      [lon + 0.005, lat],
      [lon + 0.005, lat + 0.005],
      [lon, lat + 0.005],
      [lon, lat],
    ],
  ],
})

interface MapJson {
  areas: { code: string; name: string; polygon: unknown; open: Record<string, string> }[]
  gateways: { id: string; zone: string; online: boolean }[]
  tiles: { url: string; attribution: string } | null
}

/** The island's inline data, as the browser's JSON.parse reads the script element's text. */
function mapJson(body: string): MapJson {
  const m =
    /<zone-map role="region" aria-label="[^"]+"><script type="application\/json">([^<]*)<\/script><\/zone-map>/.exec(
      body,
    )
  expect(m, 'the map and its JSON').not.toBeNull()
  return JSON.parse(m![1]!) as MapJson
}

async function officerPage(api: ConsoleHarness, url: string) {
  const officer = api.browser()
  await officer.signIn(ACCOUNTS.officer)
  return officer.get(url)
}

beforeAll(async () => {
  const { db } = consoleApi.test
  // The harness's area (registered under Thạnh Phú, merged into Tam Ngãi in 2025), now with its outline.
  await upsertGrowingArea(db, {
    code: TEST_ZONE,
    name: 'Vùng thử nghiệm',
    cooperativeId: 'htx-test',
    crop: 'coconut',
    kind: 'coconut_canal',
    areaHa: 12.5,
    communeCode: '29338',
    polygon: square(106.2, 9.9),
  })
  await upsertCooperative(db, { id: 'htx-cauke', name: 'HTX Dừa Sáp Cầu Kè', communeCode: '29320' })
  await upsertGrowingArea(db, {
    code: HOSTILE,
    name: HOSTILE_NAME,
    cooperativeId: 'htx-cauke',
    crop: 'wax_coconut',
    kind: 'coconut_canal',
    communeCode: '29320',
    polygon: square(106.3, 9.8),
  })
  await provisionGateway(db, { id: 'gw-map', zone: HOSTILE, sensors: ['salinity'] })
  const ruleId = await addRule(db, {
    zone_code: HOSTILE,
    metric: 'salinity',
    kind: 'threshold',
    max: 4,
    severity: 'major',
  })
  await seedAlert(db, {
    ruleId,
    sensorId: 'gw-map-salinity',
    gatewayId: 'gw-map',
    zone: HOSTILE,
    metric: 'salinity',
    severity: 'major',
    openedAt: new Date(Date.now() - 600_000),
    value: 6.2,
    threshold: 4,
  })
}, 60_000)

describe('the officer map', () => {
  it('loads the zone-map island and carries every area, its polygon and open alerts inline', async () => {
    const res = await officerPage(consoleApi, '/console')
    expect(res.statusCode).toBe(200)
    expect(res.body).toMatch(/<link rel="stylesheet" href="\/console\/dist\/zone-map\.[A-Z0-9]+\.css">/)
    expect(res.body).toMatch(
      /<script type="module" src="\/console\/dist\/zone-map\.[A-Z0-9]+\.js"><\/script>/,
    )
    const data = mapJson(res.body)
    const byCode = Object.fromEntries(data.areas.map((a) => [a.code, a]))
    expect(Object.keys(byCode).sort()).toEqual([TEST_ZONE, HOSTILE].sort())
    expect(byCode[TEST_ZONE]!.polygon).toEqual(square(106.2, 9.9))
    expect(byCode[HOSTILE]!.polygon).toEqual(square(106.3, 9.8))
    expect(byCode[TEST_ZONE]!.open).toEqual({})
    expect(Object.values(byCode[HOSTILE]!.open)).toEqual(['major'])
    expect(data.gateways).toEqual([{ id: 'gw-map', zone: HOSTILE, online: false }])
    expect(data.tiles).toBeNull()
    // The list's severity cell the island updates in place.
    expect(res.body).toContain(`data-severity-of="${HOSTILE}"><span class="sev sev-major">`)
    expect(res.headers['content-security-policy']).toContain("img-src 'self' data:;")
  })

  it('an area named with </script> cannot break out of the JSON', async () => {
    const res = await officerPage(consoleApi, '/console')
    // Only the island's module script and its JSON: nothing the name opened.
    expect(res.body.match(/<script\b/g)).toHaveLength(2)
    expect(res.body.match(/<\/script>/g)).toHaveLength(2)
    expect(res.body).not.toContain('<script>alert(1)')
    expect(res.body).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)')
    const hostile = mapJson(res.body).areas.find((a) => a.code === HOSTILE)!
    expect(hostile.name).toBe(HOSTILE_NAME)
  })

  it('finds areas by former commune name and by cooperative, on the map as in the list', async () => {
    const former = await officerPage(consoleApi, `/console?q=${encodeURIComponent('thanh phu')}`)
    expect(mapJson(former.body).areas.map((a) => a.code)).toEqual([TEST_ZONE])
    expect(former.body).toContain(`data-severity-of="${TEST_ZONE}"`)
    expect(former.body).not.toContain(`data-severity-of="${HOSTILE}"`)

    const coop = await officerPage(consoleApi, `/console?q=${encodeURIComponent('Cầu Kè')}`)
    expect(mapJson(coop.body).areas.map((a) => a.code)).toEqual([HOSTILE])
    expect(coop.body).not.toContain(`data-severity-of="${TEST_ZONE}"`)

    // Nothing found: no map, and no script to draw one.
    const none = await officerPage(consoleApi, '/console?q=kh%C3%B4ng-c%C3%B3')
    expect(none.body).not.toContain('<zone-map')
    expect(none.body).not.toContain('/console/dist/')
  })

  it('MAP_TILES_URL puts the tile server in the data and its origin in img-src', async () => {
    const tiled = await startConsoleHarness({
      MAP_TILES_URL: 'https://tiles.example.vn/osm/{z}/{x}/{y}.png',
      MAP_TILES_ATTRIBUTION: '© OpenStreetMap contributors',
    })
    try {
      await upsertGrowingArea(tiled.test.db, {
        code: TEST_ZONE,
        name: 'Vùng thử nghiệm',
        cooperativeId: 'htx-test',
        crop: 'coconut',
        kind: 'coconut_canal',
        communeCode: '29338',
        polygon: square(106.2, 9.9),
      })
      const res = await officerPage(tiled, '/console')
      expect(res.headers['content-security-policy']).toContain(
        "img-src 'self' data: https://tiles.example.vn;",
      )
      expect(mapJson(res.body).tiles).toEqual({
        url: 'https://tiles.example.vn/osm/{z}/{x}/{y}.png',
        attribution: '© OpenStreetMap contributors',
      })
      // Other console pages keep the platform-only policy.
      const officer = tiled.browser()
      await officer.signIn(ACCOUNTS.officer)
      const alerts = await officer.get('/console/alerts')
      expect(alerts.headers['content-security-policy']).toContain("img-src 'self' data:;")
    } finally {
      await tiled.close()
    }
  }, 60_000)
})
