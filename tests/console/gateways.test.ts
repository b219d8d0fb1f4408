// The gateways page: the list with presence as the broker records it, and provisioning from the console,
// which shows the secret once inside an edge agent config the agent really accepts.
import { formatDateTime } from '@zonetrace/api'
import { listAudit, loadGatewayAuth, provisionGateway, verifySecret, writePresence } from '@zonetrace/db'
import { resolveAgentConfig } from '@zonetrace/edge-agent'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { ACCOUNTS, type ConsoleBrowser, startConsoleHarness } from './console-fixture.ts'

const consoleApi = sharedFixture(() => startConsoleHarness(), 60_000)

async function signedIn(role: keyof typeof ACCOUNTS): Promise<ConsoleBrowser> {
  const browser = consoleApi.browser()
  await browser.signIn(ACCOUNTS[role])
  await browser.get('/console/admin/gateways')
  return browser
}

/** The provisioning form as a browser sends it: one `metric` field per ticked box, with the page's token. */
function provision(browser: ConsoleBrowser, id: string, zone: string, metrics: string[]) {
  const body = new URLSearchParams([
    ['_csrf', browser.csrf],
    ['id', id],
    ['zone', zone],
    ...metrics.map((m): [string, string] => ['metric', m]),
  ])
  return consoleApi.app.inject({
    method: 'POST',
    url: '/console/admin/gateways',
    cookies: Object.fromEntries(browser.cookies),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  })
}

/** The textarea's text, unescaped as a browser would show it. */
function configIn(page: string): unknown {
  const text = /<textarea id="agent-config"[^>]*>([^<]*)<\/textarea>/.exec(page)?.[1]
  if (text === undefined) throw new Error('no agent config on the page')
  return JSON.parse(
    text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&#96;', '`').replaceAll('&amp;', '&'),
  )
}

describe('the gateways list', () => {
  it('shows each gateway with its area, state, last contact on the Vietnamese clock, sensors and spool', async () => {
    await provisionGateway(consoleApi.test.db, {
      id: 'gw-list-01',
      zone: consoleApi.zone,
      sensors: ['salinity', 'ph'],
    })
    await provisionGateway(consoleApi.test.db, { id: 'gw-list-02', zone: consoleApi.zone, sensors: [] })
    const seen = new Date(Date.now() - 5 * 60_000 - 5_000)
    await writePresence(
      consoleApi.test.db,
      new Map([['gw-list-01', { lastSeenAt: seen, online: true, status: { state: 'online', spool: 3 } }]]),
    )

    const res = await (await signedIn('admin')).get('/console/admin/gateways')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<a href="/console/admin/gateways" aria-current="page">Gateway</a>')
    expect(res.body).toContain('Giờ Việt Nam (UTC+7)')
    const row = (id: string) => new RegExp(`<tr id="gw-${id}">.*?</tr>`, 's').exec(res.body)?.[0]
    const first = row('gw-list-01')
    expect(first).toContain('<code>gw-list-01</code>')
    expect(first).toContain(`Vùng thử nghiệm <span class="note">(${consoleApi.zone})</span>`)
    expect(first).toContain('<span class="sev sev-none">Trực tuyến</span>')
    expect(first).toContain(
      `<time datetime="${seen.toISOString()}">${formatDateTime(seen.toISOString())}</time>`,
    )
    expect(first).toContain('(5 phút trước)')
    expect(first).toContain('<li><code>gw-list-01-s1</code>: pH, Độ mặn</li>')
    expect(first).toContain('3 mục chờ gửi')
    const second = row('gw-list-02')
    expect(second).toContain('<span class="sev sev-offline">Ngoại tuyến</span>')
    expect(second).toContain('Chưa bao giờ')
    expect(second).toContain('Chưa có cảm biến')
  })
})

describe('provisioning from the console', () => {
  it('shows the secret once, in an agent config the agent accepts, and the secret authenticates', async () => {
    const admin = await signedIn('admin')
    const res = await provision(admin, 'gw-console-01', consoleApi.zone, ['salinity', 'dissolved_oxygen'])
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Đã cấp gateway gw-console-01.')
    expect(res.body).toContain('chỉ hiện MỘT LẦN')
    const secret = /<code class="secret">([^<]+)<\/code>/.exec(res.body)?.[1]
    expect(secret).toBeDefined()

    const config = configIn(res.body)
    expect(config).toEqual({
      gatewayId: 'gw-console-01',
      secret,
      brokerUrl: `mqtt://localhost:${consoleApi.config.mqttPort}`,
      dataDir: '/var/lib/zonetrace-agent',
    })
    await expect(resolveAgentConfig(config)).resolves.toMatchObject({
      gatewayId: 'gw-console-01',
      password: secret,
    })
    expect(res.body).toContain('<li><code>gw-console-01-s1:salinity</code></li>')
    expect(res.body).toContain('<li><code>gw-console-01-s1:dissolved_oxygen</code></li>')

    // What the broker checks on CONNECT: the stored hash and the channels the gateway may publish.
    const auth = await loadGatewayAuth(consoleApi.test.db, 'gw-console-01')
    expect(auth).not.toBeNull()
    expect(await verifySecret(secret!, auth!.secretHash)).toBe(true)
    expect(await verifySecret(`${secret}x`, auth!.secretHash)).toBe(false)
    expect([...auth!.channels].sort()).toEqual([
      'gw-console-01-s1:dissolved_oxygen',
      'gw-console-01-s1:salinity',
    ])

    const again = await admin.get('/console/admin/gateways')
    expect(again.body).toContain('<code>gw-console-01</code>')
    expect(again.body).not.toContain(secret!)
    expect(again.body).not.toContain('agent-config')

    const entries = (await listAudit(consoleApi.test.db, { limit: 50 })).filter(
      (e) => e.action === 'gateway add',
    )
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      actor: ACCOUNTS.admin,
      target: 'gw-console-01',
      detail: {
        params: {},
        body: { id: 'gw-console-01', zone: consoleApi.zone, metric: ['salinity', 'dissolved_oxygen'] },
      },
    })
    expect(JSON.stringify(entries[0])).not.toContain(secret!)
    expect(JSON.stringify(entries[0])).not.toContain('_csrf')
  })

  it('refuses a taken id, a bad id and an unknown area on the page, keeping the form', async () => {
    const admin = await signedIn('admin')
    await provisionGateway(consoleApi.test.db, { id: 'gw-taken', zone: consoleApi.zone, sensors: ['ph'] })

    const taken = await provision(admin, 'gw-taken', consoleApi.zone, ['ph', 'salinity'])
    expect(taken.statusCode).toBe(409)
    expect(taken.body).toContain(
      '<h2>Không cấp được gateway</h2><p>gateway &quot;gw-taken&quot; already exists</p>',
    )
    expect(taken.body).toContain('name="id" required')
    expect(taken.body).toMatch(/name="id" [^>]*value="gw-taken"/)
    expect(taken.body).toContain(`<option value="${consoleApi.zone}" selected>`)
    expect(taken.body).toContain('name="metric" value="salinity" checked')
    expect(taken.body).not.toContain('class="secret"')

    const bad = await provision(admin, 'gw/bad id', consoleApi.zone, [])
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('gateway id must be 1–64 letters')

    const nowhere = await provision(admin, 'gw-nowhere', 'KHONG-CO', ['ph'])
    expect(nowhere.statusCode).toBe(404)
    expect(nowhere.body).toContain('unknown growing area &quot;KHONG-CO&quot;')

    const unknownMetric = await provision(admin, 'gw-odd-metric', consoleApi.zone, ['colour'])
    expect(unknownMetric.statusCode).toBe(400)
    expect(unknownMetric.body).toContain('unknown metric &quot;colour&quot;')

    expect(await loadGatewayAuth(consoleApi.test.db, 'gw-nowhere')).toBeNull()
    const refused = (await listAudit(consoleApi.test.db, { limit: 50 })).filter(
      (e) =>
        e.action === 'gateway add' &&
        ['gw-taken', 'gw/bad id', 'gw-nowhere', 'gw-odd-metric'].includes(e.target ?? ''),
    )
    expect(refused).toEqual([])
  })

  it('refuses an officer the page and the form', async () => {
    const officer = await signedIn('officer')
    const page = await officer.get('/console/admin/gateways')
    expect(page.statusCode).toBe(403)
    expect(page.body).toContain('Không có quyền truy cập')
    expect(page.body).not.toContain('href="/console/admin/gateways"')
    const res = await provision(officer, 'gw-officer', consoleApi.zone, ['ph'])
    expect(res.statusCode).toBe(403)
    expect(await loadGatewayAuth(consoleApi.test.db, 'gw-officer')).toBeNull()
  })
})
