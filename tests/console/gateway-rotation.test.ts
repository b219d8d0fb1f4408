// Rotating a gateway's secret from the console: a confirmation page that says what breaks, then the POST
// that rotates and shows the new secret once in an agent config the agent accepts. The old secret stops
// matching the hash the broker checks on CONNECT (tests/console/gateways.test.ts has no broker to connect
// to, so the check is the broker's own: loadGatewayAuth + verifySecret). Admins only, CSRF required, and
// the audit log names the gateway but never holds the secret.
import { listAudit, loadGatewayAuth, provisionGateway, verifySecret } from '@zonetrace/db'
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

/** The textarea's text, unescaped as a browser would show it. */
function configIn(page: string): Record<string, unknown> {
  const text = /<textarea id="agent-config"[^>]*>([^<]*)<\/textarea>/.exec(page)?.[1]
  if (text === undefined) throw new Error('no agent config on the page')
  return JSON.parse(text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&'))
}

const authenticates = async (id: string, secret: string) => {
  const auth = await loadGatewayAuth(consoleApi.test.db, id)
  return auth !== null && (await verifySecret(secret, auth.secretHash))
}

describe('rotating a gateway secret', () => {
  it('asks first, saying the old secret stops working, and changes nothing until confirmed', async () => {
    const { password: old } = await provisionGateway(consoleApi.test.db, {
      id: 'gw-rot-ask',
      zone: consoleApi.zone,
      sensors: ['ph'],
    })
    const admin = await signedIn('admin')
    const list = await admin.get('/console/admin/gateways')
    expect(list.body).toContain(
      '<a href="/console/admin/gateways/gw-rot-ask/rotate" aria-label="Đổi mật khẩu gw-rot-ask">Đổi mật khẩu</a>',
    )
    const ask = await admin.get('/console/admin/gateways/gw-rot-ask/rotate')
    expect(ask.statusCode).toBe(200)
    expect(ask.body).toContain('<h1>Đổi mật khẩu gateway gw-rot-ask</h1>')
    expect(ask.body).toContain('Mật khẩu cũ sẽ ngừng hoạt động')
    expect(ask.body).toContain('cấu hình lại bằng mật khẩu mới')
    expect(ask.body).toContain('<form method="post" action="/console/admin/gateways/gw-rot-ask/rotate"')
    expect(ask.body).toContain('aria-current="page">Gateway</a>')
    expect(await authenticates('gw-rot-ask', old)).toBe(true)
  })

  it('rotates on POST: the new secret once in an agent config, the old one refused, audited without it', async () => {
    const { password: old } = await provisionGateway(consoleApi.test.db, {
      id: 'gw-rot-01',
      zone: consoleApi.zone,
      sensors: ['salinity', 'dissolved_oxygen'],
    })
    const admin = await signedIn('admin')
    await admin.get('/console/admin/gateways/gw-rot-01/rotate')
    const res = await admin.post('/console/admin/gateways/gw-rot-01/rotate')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Đã đổi mật khẩu gateway gw-rot-01. Mật khẩu cũ không còn dùng được.')
    expect(res.body).toContain('chỉ hiện MỘT LẦN')
    const secret = /<code class="secret">([^<]+)<\/code>/.exec(res.body)?.[1]
    expect(secret).toBeDefined()
    expect(secret).not.toBe(old)

    const config = configIn(res.body)
    expect(config).toEqual({
      gatewayId: 'gw-rot-01',
      secret,
      brokerUrl: `mqtt://localhost:${consoleApi.config.mqttPort}`,
      dataDir: '/var/lib/zonetrace-agent',
    })
    await expect(resolveAgentConfig(config)).resolves.toMatchObject({
      gatewayId: 'gw-rot-01',
      password: secret,
    })
    expect(res.body).toContain('<li><code>gw-rot-01-s1:salinity</code></li>')

    // What the broker checks on CONNECT: the new secret passes, the old one no longer does.
    expect(await authenticates('gw-rot-01', secret!)).toBe(true)
    expect(await authenticates('gw-rot-01', old)).toBe(false)
    // The channels are untouched: the gateway keeps its sensors.
    const auth = await loadGatewayAuth(consoleApi.test.db, 'gw-rot-01')
    expect([...auth!.channels].sort()).toEqual(['gw-rot-01-s1:dissolved_oxygen', 'gw-rot-01-s1:salinity'])

    // Shown once: neither the list nor the confirmation page carries it afterwards.
    const list = await admin.get('/console/admin/gateways')
    expect(list.body).not.toContain(secret!)
    expect(list.body).not.toContain('agent-config')
    const ask = await admin.get('/console/admin/gateways/gw-rot-01/rotate')
    expect(ask.body).not.toContain(secret!)

    const entries = (await listAudit(consoleApi.test.db, { limit: 100 })).filter(
      (e) => e.action === 'gateway rotate secret',
    )
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      actor: ACCOUNTS.admin,
      target: 'gw-rot-01',
      detail: { params: { id: 'gw-rot-01' }, body: {} },
    })
    expect(JSON.stringify(entries[0])).not.toContain(secret!)
    expect(JSON.stringify(entries[0])).not.toContain(old)
  })

  it('answers an unknown gateway with a 404 page, rotating nothing and logging nothing', async () => {
    const admin = await signedIn('admin')
    const ask = await admin.get('/console/admin/gateways/gw-no-such/rotate')
    expect(ask.statusCode).toBe(404)
    expect(ask.body).toContain('Không có gateway nào mã &quot;gw-no-such&quot;.')
    const res = await admin.post('/console/admin/gateways/gw-no-such/rotate')
    expect(res.statusCode).toBe(404)
    expect(res.body).not.toContain('class="secret"')
    const logged = (await listAudit(consoleApi.test.db, { limit: 100 })).filter(
      (e) => e.action === 'gateway rotate secret' && e.target === 'gw-no-such',
    )
    expect(logged).toEqual([])
  })

  it('refuses a post without the CSRF token, leaving the secret as it was', async () => {
    const { password: old } = await provisionGateway(consoleApi.test.db, {
      id: 'gw-rot-csrf',
      zone: consoleApi.zone,
      sensors: [],
    })
    const admin = await signedIn('admin')
    const missing = await admin.post('/console/admin/gateways/gw-rot-csrf/rotate', { _csrf: null })
    expect(missing.statusCode).toBe(403)
    const forged = await admin.post('/console/admin/gateways/gw-rot-csrf/rotate', { _csrf: 'forged' })
    expect(forged.statusCode).toBe(403)
    expect(forged.body).not.toContain('class="secret"')
    expect(await authenticates('gw-rot-csrf', old)).toBe(true)
  })

  it('refuses an officer the page and the rotation, and sends a visitor to sign in', async () => {
    const { password: old } = await provisionGateway(consoleApi.test.db, {
      id: 'gw-rot-officer',
      zone: consoleApi.zone,
      sensors: [],
    })
    const officer = await signedIn('officer')
    expect((await officer.get('/console/admin/gateways/gw-rot-officer/rotate')).statusCode).toBe(403)
    const res = await officer.post('/console/admin/gateways/gw-rot-officer/rotate')
    expect(res.statusCode).toBe(403)
    expect(res.body).not.toContain('class="secret"')
    expect(await authenticates('gw-rot-officer', old)).toBe(true)
    const nobody = await consoleApi.browser().get('/console/admin/gateways/gw-rot-officer/rotate')
    expect(nobody.statusCode).toBe(303)
    expect(nobody.headers.location).toBe(
      '/console/login?next=%2Fconsole%2Fadmin%2Fgateways%2Fgw-rot-officer%2Frotate',
    )
  })
})
