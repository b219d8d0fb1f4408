// Conformance from a real client: GDAL's OGC API – Features driver (OAPIF, from Debian's gdal-bin) pointed at
// /ogc over a real socket, as a GIS user would. ogrinfo lists the three collections and reads every public
// growing area with its properties; ogr2ogr writes the areas inside a box to a GeoPackage; and a read of
// daily-water five features a page, while readings arrive and the daily report grows in the middle of it,
// returns every row that existed when it began exactly once. Skipped, with the reason in its name, where
// gdal-bin is not installed; CI installs it (.ci/run) and fails instead.
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { computeCompliance, vietnamDate } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { featureCount, gdal, gdalMissing, gdalVersion, layerNames, ogrFeatures } from './ogr.ts'
import { DAYS, PRIVATE_AREA, PUBLIC_AREAS, startOpenWorld } from './open-world.ts'

const [COCONUT, SHRIMP] = PUBLIC_AREAS
const NEW_PROBE = 'probe-gdal-temperature'

it.runIf(gdalMissing !== null && Boolean(process.env.CI_REQUIRE_TOOLS))(
  `GDAL is installed, as CI_REQUIRE_TOOLS demands (${gdalMissing})`,
  () => {
    throw new Error(`${gdalMissing}: .ci/run installs gdal-bin, so this machine is missing it`)
  },
)

describe.skipIf(gdalMissing !== null)(
  gdalMissing ? `GDAL OAPIF client — SKIPPED: ${gdalMissing}` : `GDAL OAPIF client (${gdalVersion})`,
  () => {
    const world = sharedFixture(async () => {
      const w = await startOpenWorld()
      const address = await w.app.listen({ port: 0, host: '127.0.0.1' })
      const dir = await mkdtemp(join(tmpdir(), 'zt-gdal-'))
      const closeWorld = w.close
      return Object.assign(w, {
        address,
        ogc: `OAPIF:${address}/ogc`,
        dir,
        async close() {
          await closeWorld()
          await rm(dir, { recursive: true, force: true })
        },
      })
    }, 120_000)

    const publicCodes = async () =>
      (
        await world.test.db.query<{ code: string }>(
          'select code from growing_areas where public order by code',
        )
      ).map((r) => r.code)

    it('ogrinfo opens the landing page and lists the three collections', async () => {
      const listing = await gdal('ogrinfo', ['-ro', world.ogc])
      expect(layerNames(listing)).toEqual(['growing-areas', 'stations', 'daily-water'])
    })

    it('ogrinfo reads every public growing area, none other, with the properties the API publishes', async () => {
      const listing = await gdal('ogrinfo', ['-ro', '-al', world.ogc, 'growing-areas'])
      const codes = await publicCodes()
      expect(codes).toEqual(expect.arrayContaining([...PUBLIC_AREAS]))
      expect(featureCount(listing)).toBe(codes.length)
      const features = ogrFeatures(listing, 'growing-areas')
      expect(features.map((f) => f.code).sort()).toEqual(codes)
      expect(listing.toLowerCase()).not.toContain(PRIVATE_AREA.toLowerCase())

      // Every property as GDAL read it equals the API's own GeoJSON of that area.
      const api = (
        await world.app.inject({ url: '/ogc/collections/growing-areas/items?limit=1000' })
      ).json() as { features: { id: string; properties: Record<string, unknown> }[] }
      for (const { id, properties } of api.features) {
        const read = features.find((f) => f.code === id)!
        for (const name of [
          'code',
          'name',
          'crop',
          'kind',
          'communeCode',
          'communeName',
          'communeFormerName',
          'registeredCommuneCode',
          'cooperative',
          'thresholdPreset',
          'keyMetric',
          'state',
        ]) {
          expect(read[name], `${id} ${name}`).toBe(properties[name] ?? null)
        }
        expect(Number(read.areaHa), `${id} areaHa`).toBe(properties.areaHa)
        expect(JSON.parse(read.certifications!), `${id} certifications`).toEqual(properties.certifications)
      }
      // And the values are the world's, not merely the API's agreement with itself.
      expect(features.find((f) => f.code === COCONUT)).toMatchObject({
        crop: 'coconut',
        kind: 'coconut_canal',
        areaHa: '64',
        communeCode: '29335',
        registeredCommuneCode: '29338',
        cooperative: 'HTX Thử nghiệm',
        thresholdPreset: 'coconut',
        keyMetric: 'salinity',
        state: 'ok',
      })
      expect(JSON.parse(features.find((f) => f.code === SHRIMP)!.certifications!)).toEqual([
        { scheme: 'vietgap', certificateNo: `VG-${SHRIMP}`, validTo: '2027-06-30' },
      ])
    })

    it('ogr2ogr with -spat writes a GeoPackage holding exactly the areas in the box', async () => {
      // A box around the coconut area's square (±0.004° around 106.3, 9.9), far from the others. GDAL also
      // filters on its side, so the pass-through checks the box reached the API as `bbox`.
      const gpkg = join(world.dir, 'coconut.gpkg')
      const asked: string[] = []
      const gate = await passThrough(world.address, async (url) => {
        asked.push(url)
      })
      try {
        await gdal('ogr2ogr', [
          '-f',
          'GPKG',
          gpkg,
          `OAPIF:${gate.url}/ogc`,
          'growing-areas',
          '-spat',
          '106.29',
          '9.89',
          '106.31',
          '9.91',
        ])
      } finally {
        await gate.close()
      }
      const boxes = asked.map((u) => new URL(u, 'http://x').searchParams.get('bbox')).filter(Boolean)
      expect(boxes.map((b) => b!.split(',').map(Number))).toContainEqual([106.29, 9.89, 106.31, 9.91])
      const listing = await gdal('ogrinfo', ['-ro', '-al', gpkg])
      expect(ogrFeatures(listing, 'growing-areas').map((f) => f.code)).toEqual([COCONUT])
      expect(featureCount(listing)).toBe(1)
      expect(listing).toMatch(/POLYGON \(\(106\.296 9\.896,/)
    })

    it('pages daily-water five at a time while readings arrive and the report grows: every row once', async () => {
      const db = world.test.db
      const before = (
        await world.app.inject({ url: '/ogc/collections/daily-water/items?limit=10000' })
      ).json() as { numberMatched: number; features: { id: string }[] }
      const existing = before.features.map((f) => f.id)
      expect(existing).toHaveLength(before.numberMatched)
      expect(existing.length).toBeGreaterThan(20)

      // Readings keep arriving for the public areas, and yesterday's report is recomputed over them.
      let reading = true
      let ingests = 0
      const yesterday = world.days[DAYS - 1]!
      const ingest = (async () => {
        while (reading) {
          await db.query(
            `insert into readings (time, sensor_id, metric, value, quality)
             select now(), id, metric, 3, 0 from sensors where zone_code = any($1::text[])
             on conflict do nothing`,
            [[...PUBLIC_AREAS]],
          )
          await computeCompliance(db, COCONUT, [yesterday])
          ingests++
          await new Promise((r) => setTimeout(r, 5))
        }
      })()

      // In the middle of the read (when GDAL first follows a `next` link), the report grows: a new probe's
      // metric on every day, and the day that is running now. Both sort among and after the rows read.
      let grown = false
      const today = vietnamDate(Date.now())
      const grow = async () => {
        await db.query(
          `insert into sensors (id, metric, gateway_id, unit, zone_code)
           values ($1, 'temperature', 'gw-open-coconut', 'Cel', $2)`,
          [NEW_PROBE, COCONUT],
        )
        await db.query(
          `insert into readings (time, sensor_id, metric, value, quality)
           select t, $1, 'temperature', 29, 0
             from generate_series(date_trunc('hour', now()) - interval '${DAYS} days',
                                  date_trunc('hour', now()) - interval '1 hour', interval '1 hour') t`,
          [NEW_PROBE],
        )
        await computeCompliance(db, COCONUT, world.days)
        await computeCompliance(db, SHRIMP, [today])
        grown = true
      }

      const pages: string[] = []
      const gate = await passThrough(world.address, async (url) => {
        if (!url.startsWith('/ogc/collections/daily-water/items')) return
        pages.push(url)
        if (!grown && new URL(url, 'http://x').searchParams.has('cursor')) await grow()
      })
      let listing: string
      try {
        listing = await gdal('ogrinfo', [
          '-ro',
          '-al',
          '-oo',
          'PAGE_SIZE=5',
          `OAPIF:${gate.url}/ogc`,
          'daily-water',
        ])
      } finally {
        reading = false
        await ingest
        await gate.close()
      }

      expect(grown, 'GDAL followed a next link, and the report grew then').toBe(true)
      expect(ingests).toBeGreaterThan(0)
      // GDAL really paged small: five a page, through next links.
      const small = pages.filter((u) => new URL(u, 'http://x').searchParams.get('limit') === '5')
      expect(small.length).toBeGreaterThanOrEqual(Math.ceil(existing.length / 5))

      const ids = ogrFeatures(listing, 'daily-water').map((f) => f.id!)
      expect(ids.length - new Set(ids).size, 'rows returned twice').toBe(0)
      expect(
        existing.filter((id) => !ids.includes(id)),
        'rows that existed and were not returned',
      ).toEqual([])
      // Rows added after the page being read are read too (keyset, not offset): the new day, and the new
      // metric on the last day.
      expect(ids).toContain(`${today}~${SHRIMP}~salinity`)
      expect(ids).toContain(`${yesterday}~${COCONUT}~temperature`)
      expect(ids.join(' ')).not.toContain(PRIVATE_AREA)
    })
  },
)

/**
 * A pass-through proxy to the API that lets the test act before each request is forwarded. The Host header
 * goes through unchanged, so the API's `next` links point back at the proxy and GDAL's every page passes it.
 */
async function passThrough(target: string, before: (url: string) => Promise<void>) {
  const { hostname, port } = new URL(target)
  const failures: unknown[] = []
  const server = createServer((req, res) => {
    before(req.url ?? '/').then(
      () => {
        const upstream = request(
          { host: hostname, port, path: req.url, method: req.method, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers)
            answer.pipe(res)
          },
        )
        upstream.on('error', (err) => {
          failures.push(err)
          res.writeHead(502).end()
        })
        req.pipe(upstream)
      },
      (err) => {
        failures.push(err)
        res.writeHead(500).end(String(err))
      },
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve))
      if (failures.length > 0) throw failures[0]
    },
  }
}
