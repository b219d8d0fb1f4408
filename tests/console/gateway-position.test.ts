// The console's gateway page and where a gateway stands (issue 17): the provisioning form takes "lat,lon",
// the list shows it, and a swapped or unreadable one comes back as the form with the reason, in the page's
// language, and nothing provisioned.
import { getGateway } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { ACCOUNTS, startConsoleHarness } from './console-fixture.ts'

const consoleApi = sharedFixture(() => startConsoleHarness(), 60_000)

async function admin() {
  const browser = consoleApi.browser()
  await browser.signIn(ACCOUNTS.admin)
  await browser.get('/console/admin/gateways')
  return browser
}

describe('gateway positions on the console', () => {
  it('provisions with a position typed as "lat,lon" and lists it', async () => {
    const b = await admin()
    const page = await b.get('/console/admin/gateways')
    expect(page.body).toContain('<label for="gw-position">Vị trí (không bắt buộc)')
    const res = await b.post('/console/admin/gateways', {
      id: 'gw-console-pos',
      zone: consoleApi.zone,
      metric: 'salinity',
      position: '9.93, 106.07',
    })
    expect(res.statusCode).toBe(200)
    expect((await getGateway(consoleApi.test.db, 'gw-console-pos'))?.position).toEqual({
      type: 'Point',
      coordinates: [106.07, 9.93],
    })
    const list = await b.get('/console/admin/gateways')
    expect(list.body).toMatch(/id="gw-gw-console-pos".*Vị trí: 9\.93, 106\.07/s)
  })

  it('refuses a swapped or unreadable position with the reason and keeps the form', async () => {
    const b = await admin()
    const swapped = await b.post('/console/admin/gateways', {
      id: 'gw-console-swap',
      zone: consoleApi.zone,
      position: '106.07,9.93',
    })
    expect(swapped.statusCode).toBe(400)
    expect(swapped.body).toContain('nằm ngoài vùng Đồng bằng sông Cửu Long')
    expect(swapped.body).toContain('value="106.07,9.93"')
    await b.get('/console/admin/gateways')
    const junk = await b.post('/console/admin/gateways', {
      id: 'gw-console-junk',
      zone: consoleApi.zone,
      position: 'gần cống',
    })
    expect(junk.statusCode).toBe(400)
    expect(junk.body).toContain('cần &quot;vĩ độ,kinh độ&quot;')
    expect(await getGateway(consoleApi.test.db, 'gw-console-swap')).toBeNull()
    expect(await getGateway(consoleApi.test.db, 'gw-console-junk')).toBeNull()
  })
})
