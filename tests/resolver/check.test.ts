// Checking a label by the code printed under its QR symbol (the form is on the public map at `/`:
// tests/open/public-map-page.test.ts).
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { issueLabels, startTraceHarness } from '../trace/trace-harness.ts'

const api = sharedFixture(startTraceHarness)
let serial: string

beforeAll(async () => {
  serial = (await issueLabels(api))[0]!.serial
})

describe('GET /check', () => {
  it('sends a typed code, in any case and with spaces, to its signed label page', async () => {
    const typed = `${serial.slice(0, 4)} ${serial.slice(4, 8)}-${serial.slice(8)}`.toLowerCase()
    const res = await api.app.inject({ url: `/check?code=${encodeURIComponent(typed)}&lang=en` })
    expect(res.statusCode).toBe(303)
    const location = String(res.headers.location)
    expect(location).toMatch(
      new RegExp(`^/01/08930000000019/10/DS2610A/21/${serial}\\?s=[\\w-]{86}&k=[\\w-]{11}&lang=en$`),
    )
    const page = await api.app.inject({ url: location, headers: { accept: 'application/json' } })
    expect(page.json()).toMatchObject({ authentic: true, reason: 'authentic', serial })
  })

  it('says when no label has the code, and when the code cannot be one', async () => {
    const unknown = await api.app.inject({ url: '/check?code=ZZZZZZZZZZZZ' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.body).toContain('Không tìm thấy tem có mã này.')
    expect(unknown.body).toContain('value="ZZZZZZZZZZZZ"')
    expect(unknown.body).toContain('<form method="get" action="/check">')
    // The way back to the map, and the same answer in the other language.
    expect(unknown.body).toContain('href="/">← Bản đồ vùng trồng</a>')
    expect(unknown.body).toContain('href="/check?code=ZZZZZZZZZZZZ&amp;lang=en"')
    const short = await api.app.inject({ url: '/check?code=ABC&lang=en' })
    expect(short.statusCode).toBe(400)
    expect(short.body).toContain('A code has 12 letters and digits.')
    const hostile = await api.app.inject({ url: `/check?code=${encodeURIComponent('"><script>x</script>')}` })
    expect(hostile.statusCode).toBe(400)
    expect(hostile.body).not.toContain('<script>x')
  })
})
