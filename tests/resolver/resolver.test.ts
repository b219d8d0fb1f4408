// The QR target end to end: labels issued through the API, then scanned as a phone, a JSON client and a
// GS1 linkset client would; tampering, revocation, recall, expiry, clones and feedback.
import { verifyLabelUrl } from '@zonetrace/contracts'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { expectValid } from '../trace/epcis-fixtures.ts'
import { issueLabels, pathOf, startTraceHarness } from '../trace/trace-harness.ts'

const harness = sharedFixture(() =>
  startTraceHarness({ SCAN_GEO_HEADERS: 'cloudfront', CLONE_MAX_SCANS: '5' }),
)
let labels: { serial: string; url: string }[]
const JSON_ACCEPT = { accept: 'application/json' }

beforeAll(async () => {
  labels = await issueLabels(harness, 8)
})

const scan = (url: string, headers: Record<string, string> = JSON_ACCEPT) =>
  harness.app.inject({ url, headers })

describe('issued labels', () => {
  it('are GS1 Digital Links under PUBLIC_BASE_URL with random serials that verify with only the JWKS', async () => {
    const jwks = (await harness.app.inject({ url: '/.well-known/jwks.json' })).json()
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' })
    expect(JSON.stringify(jwks)).not.toContain('"d"')
    for (const { url, serial } of labels) {
      expect(url).toMatch(
        new RegExp(
          `^${harness.config.publicBaseUrl}/01/08930000000019/10/DS2610A/21/${serial}\\?s=[\\w-]{86}&k=[\\w-]{11}$`,
        ),
      )
      expect(verifyLabelUrl(url, jwks).authentic).toBe(true)
    }
  })
})

describe('three responses', () => {
  it('serves browsers a Vietnamese page with the verdict, noindex and a strict CSP', async () => {
    const res = await scan(pathOf(labels[0]!.url), { accept: 'text/html,application/xhtml+xml' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(res.headers['content-security-policy']).toContain("default-src 'none'")
    expect(res.headers['x-robots-tag']).toBe('noindex')
    expect(res.body).toContain('lang="vi"')
    expect(res.body).toContain('Dừa sáp sợi')
    expect(res.body).toContain('VN-TEST-NGOCHO')
    const en = await scan(`${pathOf(labels[0]!.url)}&lang=en`, { accept: 'text/html' })
    expect(en.body).toContain('lang="en"')
  })

  it('serves JSON clients the same facts', async () => {
    const res = await scan(pathOf(labels[1]!.url))
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(Object.keys(res.json()).sort()).toEqual([
      'areas',
      'authentic',
      'cooperative',
      'evidence',
      'gtin',
      'links',
      'lot',
      'lotInfo',
      'product',
      'reason',
      'scans',
      'serial',
      'timeline',
    ])
    expect(res.json()).toMatchObject({
      authentic: true,
      reason: 'authentic',
      lot: 'DS2610A',
      serial: labels[1]!.serial,
      product: { name: 'Dừa sáp sợi', stars: 5, ocop: true },
      cooperative: { id: 'vicosap' },
      areas: [
        {
          code: 'VN-TEST-NGOCHO',
          commune: { registeredCode: '29332', code: '29335', name: expect.stringContaining('Tam Ngãi') },
        },
      ],
      scans: { count: 1, flag: null },
    })
  })

  it('serves an RFC 9264 linkset for ?linkType=linkset and Accept: application/linkset+json', async () => {
    for (const res of [
      await scan(`${pathOf(labels[2]!.url)}&linkType=linkset`, {}),
      await scan(pathOf(labels[2]!.url), { accept: 'application/linkset+json' }),
    ]) {
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/application\/linkset\+json/)
      const [entry] = res.json().linkset
      for (const type of ['pip', 'traceability', 'epcis', 'certificationInfo', 'recallStatus']) {
        expect(entry[`https://gs1.org/voc/${type}`][0].href, type).toMatch(/^http/)
      }
      expect(res.headers['access-control-allow-origin']).toBe('*')
    }
    // Linksets are machine reads, not scans.
    expect((await scan(pathOf(labels[2]!.url))).json().scans.count).toBe(1)
  })

  it('redirects a GS1 link type with 307', async () => {
    const res = await scan(`${pathOf(labels[3]!.url)}&linkType=gs1:epcis`, {})
    expect(res.statusCode).toBe(307)
    expect(res.headers.location).toMatch(/\/api\/v1\/lots\/DS2610A\/epcis$/)
  })

  it('exports the lot as an EPCIS document that validates against the official schema', async () => {
    const res = await harness.app.inject({ url: '/api/v1/lots/DS2610A/epcis' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/application\/ld\+json/)
    expectValid(res.json())
  })
})

describe('verdicts', () => {
  it('says signature invalid for a tampered signature and a label moved to another serial', async () => {
    const url = pathOf(labels[4]!.url)
    const sig = /s=([\w-]+)/.exec(url)![1]!
    const flipped = sig.startsWith('A') ? `B${sig.slice(1)}` : `A${sig.slice(1)}`
    expect((await scan(url.replace(sig, flipped))).json()).toMatchObject({
      authentic: false,
      reason: 'bad_signature',
    })
    const moved = url.replace(labels[4]!.serial, labels[5]!.serial)
    expect((await scan(moved)).json()).toMatchObject({ authentic: false, reason: 'bad_signature' })
    expect((await scan(url.split('?')[0]!)).json()).toMatchObject({ authentic: false, reason: 'unsigned' })
  })

  it('says unknown key for an unknown kid and after the key is revoked', async () => {
    const url = pathOf(labels[5]!.url)
    expect((await scan(url.replace(/k=[\w-]+/, 'k=AAAAAAAAAAA'))).json().reason).toBe('unknown_key')
    // A rotated-in key signs new labels; revoking it leaves the labels of the older key verifying.
    const { kid } = await harness.app.labelKeys.rotate()
    const [fresh] = await issueLabels(harness)
    const freshUrl = pathOf(fresh!.url)
    expect(freshUrl).toContain(`k=${kid}`)
    expect((await scan(freshUrl)).json().reason).toBe('authentic')
    await harness.app.labelKeys.revoke(kid)
    expect((await scan(freshUrl)).json()).toMatchObject({ authentic: false, reason: 'unknown_key' })
    expect((await scan(url)).json().reason).toBe('authentic')
  })

  it('answers 400 for a malformed link and 404 for codes never issued', async () => {
    const bad = await scan('/01/123/10/X/21/Y')
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ authentic: false, reason: 'malformed' })
    expect((await scan('/01/123/10/X/21/Y', { accept: 'text/html' })).statusCode).toBe(400)
    const unknownSerial = pathOf(labels[6]!.url).replace(labels[6]!.serial, 'ZZZZZZZZZZZZ')
    expect((await scan(unknownSerial)).statusCode).toBe(404)
    const otherLot = pathOf(labels[6]!.url).replace('/10/DS2610A/', '/10/HT2610A/')
    expect((await scan(otherLot)).statusCode).toBe(404)
    const page = await scan(unknownSerial, { accept: 'text/html' })
    expect(page.statusCode).toBe(404)
    expect(page.body).toContain('Không tìm thấy')
  })

  it('says OCOP certificate expired once the product certificate lapses', async () => {
    const lapsed = await harness.post('/api/v1/products', harness.vicosap, {
      id: 'dua-sap-soi',
      gtin: '8930000000019',
      name: 'Dừa sáp sợi',
      group: 'food',
      stars: 5,
      certifiedOn: '2022-01-01',
    })
    expect(lapsed.json().certificateExpiresOn).toBe('2025-01-01')
    expect((await scan(pathOf(labels[6]!.url))).json()).toMatchObject({
      authentic: true,
      reason: 'ocop_expired',
    })
    const page = await scan(pathOf(labels[6]!.url), { accept: 'text/html' })
    expect(page.body).toContain('01/01/2025')
  })

  it('refuses an over-long serial or lot in the link with 400', async () => {
    const long = pathOf(labels[6]!.url).replace(labels[6]!.serial, 'S'.repeat(21))
    expect((await scan(long)).statusCode).toBe(400)
    const longLot = pathOf(labels[6]!.url).replace('/10/DS2610A/', `/10/${'L'.repeat(21)}/`)
    expect((await scan(longLot)).json()).toMatchObject({ authentic: false, reason: 'malformed' })
    expect((await scan(`/01/08930000000019/10/DS2610A/21/${'%'.repeat(3000)}`)).statusCode).toBe(400)
  })

  it('shows a recall on the labels of every derived lot', async () => {
    await harness.post('/api/v1/lots/HT2610A/recall', harness.hoaTan, { reason: 'Nhiễm khuẩn' })
    const issued = await harness.post('/api/v1/lots/DS2610A/labels', harness.vicosap, { count: 1 })
    await harness.post('/api/v1/lots/DS2610A/recall', harness.vicosap, { reason: 'Nấm mốc' })
    const res = await scan(pathOf(labels[7]!.url))
    expect(res.json()).toMatchObject({
      authentic: true,
      reason: 'recalled',
      lotInfo: { recallReason: 'Nấm mốc' },
    })
    expect(issued.statusCode).toBe(201)
  })
})
