// The scan page without script (issue 16): the typed label link or printed code is verified by the server
// and records the event; a forged label records nothing; a cooperative cannot record on another's lot; the
// service worker and the web app manifest are served as a browser needs them.
import { generateKeyPairSync } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { issueLabels } from '@zonetrace/api'
import { labelKeyId, parseDigitalLink, signedLabelUrl } from '@zonetrace/contracts'
import { lotEvents } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { DIST_DIR, ensureIslands } from '../../dashboards/src/bundle.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { HOA_TAN, VICOSAP } from '../helpers/trace-fixtures.ts'
import { COOP_A, COOP_B, startWorkspaceHarness } from './workspace-fixture.ts'

const ws = sharedFixture(() => startWorkspaceHarness(), 60_000)
const BASE = 'https://truyxuat.example.vn'

async function labelOf(coop: typeof COOP_A) {
  const actor = coop === COOP_A ? VICOSAP : HOA_TAN
  const batch = await issueLabels(ws.test.db, ws.app.labelKeys, actor, {
    lotId: coop.lotId,
    count: 1,
    baseUrl: BASE,
  })
  return batch.labels[0]!
}

/** The same item signed by a key that is not the platform's, under the platform's own key id. */
async function forgedOf(url: string): Promise<string> {
  const item = parseDigitalLink(url)
  const { privateKey } = generateKeyPairSync('ed25519')
  const kid = new URL(url).searchParams.get('k')!
  return signedLabelUrl(BASE, item, privateKey).replace(/k=[^&]+$/, `k=${kid}`)
}

async function receivingCount(lotId: string) {
  return (await lotEvents(ws.test.db, lotId)).filter((e) => e.bizStep === 'receiving').length
}

describe('GET /workspace/scan', () => {
  it('offers the steps (receiving first), the camera button for the island and the typed code', async () => {
    const res = await ws.coopA.get('/workspace/scan')
    expect(res.statusCode).toBe(200)
    expect(res.body).toMatch(/value="receiving" checked/)
    expect(res.body).toContain('Mở máy ảnh')
    expect(res.body).toContain('name="code"')
    expect(res.body).toContain('<link rel="manifest" href="/workspace/manifest.webmanifest">')
    expect(res.headers['content-security-policy']).toContain("worker-src 'self'")
    expect(res.headers['content-security-policy']).toContain("manifest-src 'self'")
  })

  it('is for cooperatives only', async () => {
    expect((await ws.officer.get('/workspace/scan')).statusCode).toBe(403)
    expect((await ws.browser().get('/workspace/scan')).statusCode).toBe(303)
  })
})

describe('POST /workspace/scan (no script)', () => {
  it('records the chosen step for a genuine label link, once even when the form is sent twice', async () => {
    const label = await labelOf(COOP_A)
    const before = await receivingCount(COOP_A.lotId)
    const page = await ws.coopA.get('/workspace/scan')
    const eventId = /name="eventId" value="([^"]+)"/.exec(page.body)![1]!
    const form = { code: label.url, bizStep: 'receiving', eventId }
    const res = await ws.coopA.post('/workspace/scan', form)
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toMatch(/^\/workspace\/scan\?step=receiving&recorded=/)
    expect((await ws.coopA.post('/workspace/scan', form)).statusCode).toBe(303)
    expect(await receivingCount(COOP_A.lotId)).toBe(before + 1)
    const confirmation = await ws.coopA.get(res.headers.location as string)
    expect(confirmation.body).toContain(`Đã ghi nhận “Nhận hàng” cho lô ${COOP_A.lotId}.`)
  })

  it('records by the code printed under the label, typed loosely', async () => {
    const label = await labelOf(COOP_A)
    await ws.coopA.get('/workspace/scan')
    const typed = `${label.serial.slice(0, 4).toLowerCase()} ${label.serial.slice(4)}`
    const res = await ws.coopA.post('/workspace/scan', { code: typed, bizStep: 'shipping' })
    expect(res.statusCode).toBe(303)
    expect((await lotEvents(ws.test.db, COOP_A.lotId)).some((e) => e.bizStep === 'shipping')).toBe(true)
  })

  it('refuses a forged label (wrong signature, unknown key) and records nothing', async () => {
    const label = await labelOf(COOP_A)
    const forged = await forgedOf(label.url)
    const before = await receivingCount(COOP_A.lotId)
    await ws.coopA.get('/workspace/scan')
    const bad = await ws.coopA.post('/workspace/scan', { code: forged, bizStep: 'receiving' })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Chữ ký trên tem không đúng: tem giả.')
    expect(bad.body).toContain('aria-invalid="true"')
    const { privateKey } = generateKeyPairSync('ed25519')
    const stranger = signedLabelUrl(BASE, parseDigitalLink(label.url), privateKey)
    expect(stranger).toContain(`k=${labelKeyId(privateKey.export({ format: 'jwk' }))}`.slice(0, 4))
    const unknown = await ws.coopA.post('/workspace/scan', { code: stranger, bizStep: 'receiving' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.body).toContain('Tem giả hoặc đã bị thu hồi khóa ký')
    expect(await receivingCount(COOP_A.lotId)).toBe(before)
  })

  it("does not let cooperative B record on A's lot, even with A's genuine label", async () => {
    const label = await labelOf(COOP_A)
    const before = (await lotEvents(ws.test.db, COOP_A.lotId)).length
    await ws.coopB.get('/workspace/scan')
    const res = await ws.coopB.post('/workspace/scan', { code: label.url, bizStep: 'inspecting' })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('không thuộc hợp tác xã của bạn')
    expect((await lotEvents(ws.test.db, COOP_A.lotId)).length).toBe(before)
    // Nor does B's list of recent scans show A's events.
    expect((await ws.coopB.get('/workspace/scan')).body).not.toContain(COOP_A.lotId)
  })

  it('re-renders with what was typed for an empty field, an unknown code or a missing step', async () => {
    await ws.coopA.get('/workspace/scan')
    const empty = await ws.coopA.post('/workspace/scan', { code: '  ', bizStep: 'receiving' })
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('Hãy gõ mã in dưới tem')
    const unknown = await ws.coopA.post('/workspace/scan', { code: 'ZZZZ-ZZZZ-ZZZZ', bizStep: 'receiving' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.body).toContain('value="ZZZZ-ZZZZ-ZZZZ"')
    const step = await ws.coopA.post('/workspace/scan', { code: 'x', bizStep: 'packing' })
    expect(step.statusCode).toBe(400)
    expect(step.body).toContain('Hãy chọn một bước')
    expect(COOP_B.lotId).not.toBe(COOP_A.lotId)
  })
})

describe('the workspace as an installable app', () => {
  it('serves the service worker unhashed, never cached stale, with what it keeps offline', async () => {
    const res = await ws.browser().get('/workspace/sw.js')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/javascript/)
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(res.headers['service-worker-allowed']).toBe('/workspace')
    const precache = JSON.parse(/^self\.ZT_PRECACHE=(.*);$/m.exec(res.body)![1]!)
    expect(precache.pages).toContain('/workspace/scan')
    expect(precache.data).toEqual(['/.well-known/jwks.json', '/api/v1/lots'])
    expect(precache.assets.some((a: string) => /^\/console\/dist\/label-scan\.\w+\.js$/.test(a))).toBe(true)
  })

  it('serves the web app manifest and its icons', async () => {
    const res = await ws.browser().get('/workspace/manifest.webmanifest')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/)
    const manifest = JSON.parse(res.body)
    expect(manifest).toMatchObject({
      name: 'zonetrace – Hợp tác xã',
      lang: 'vi',
      start_url: '/workspace',
      scope: '/workspace',
      display: 'standalone',
    })
    for (const icon of manifest.icons) {
      const png = await ws.browser().get(icon.src)
      expect(png.statusCode).toBe(200)
      expect(png.headers['content-type']).toBe('image/png')
      expect(png.rawPayload.readUInt32BE(16)).toBe(Number(icon.sizes.split('x')[0]))
    }
    expect(manifest.icons.some((i: { purpose: string }) => i.purpose === 'maskable')).toBe(true)
  })

  it("clears the phone's caches and storage when a cooperative signs out, not an officer", async () => {
    const coop = ws.browser()
    await coop.signIn(COOP_A.email)
    await coop.get('/workspace')
    expect((await coop.post('/console/logout')).headers['clear-site-data']).toBe('"cache", "storage"')
    const officer = ws.browser()
    await officer.signIn('lan@travinh.gov.test')
    await officer.get('/console')
    const out = await officer.post('/console/logout')
    expect(out.statusCode).toBe(303)
    expect(out.headers['clear-site-data']).toBeUndefined()
  })
})

describe('in English', () => {
  it('says the same in English for a person who chose it', async () => {
    const b = ws.browser()
    await b.signIn(COOP_B.email)
    await b.get('/workspace/scan')
    await b.post('/console/lang', { lang: 'en' })
    const page = await b.get('/workspace/scan')
    expect(page.body).toContain('Open camera')
    const refused = await b.post('/workspace/scan', { code: 'https://x.vn/01/1', bizStep: 'receiving' })
    expect(refused.body).toContain('This is not a zonetrace label link.')
    await b.post('/console/lang', { lang: 'vi' })
  })
})

describe('the label-scan island', () => {
  it('weighs at most 30 KB compressed; the QR decoder and its worker load only when the camera opens', async () => {
    const { islands, files } = await ensureIslands()
    const scan = islands['label-scan']!
    const eager = [scan.js, ...scan.css, ...(scan.chunks ?? [])]
    let bytes = 0
    for (const file of eager) bytes += (await stat(join(DIST_DIR, `${file}.gz`))).size
    expect(bytes).toBeLessThanOrEqual(30 * 1024)
    expect(scan.lazy?.length).toBeGreaterThan(0)
    for (const lazy of scan.lazy ?? []) if (!scan.chunks?.includes(lazy)) expect(eager).not.toContain(lazy)
    expect(files.some((f) => /^qr-worker\.\w+\.js$/.test(f))).toBe(true)
    expect(files).toContain('sw.js')
  })
})
