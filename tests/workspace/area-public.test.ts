// The "publish as open data" checkbox of the cooperative's area form (issue 17): ticked by default, an
// unticked box makes the area private at once (the open-data snapshot forgets it without waiting), the list
// and the officers' area page say "Không công khai", and a post that never carried the box changes nothing.
import { listZones } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { COOP_A, startWorkspaceHarness } from './workspace-fixture.ts'

const ws = sharedFixture(() => startWorkspaceHarness(), 60_000)

const CHECKBOX = /<input type="checkbox" id="area-public" name="public" value="on"( checked)?/

/** The edit form as its page fills it, with the checkbox ticked or not and the marker that it was offered. */
async function editForm(publish: boolean): Promise<Record<string, string>> {
  const [zone] = await listZones(ws.test.db, [COOP_A.areaCode])
  await ws.coopA.get(`/workspace/areas/${COOP_A.areaCode}/edit`)
  return {
    name: zone!.name,
    crop: zone!.crop,
    areaHa: '',
    communeCode: zone!.commune.code!,
    preset: 'none',
    polygon: '',
    publicOffered: '1',
    ...(publish ? { public: 'on' } : {}),
  }
}

const isPublic = async () => (await listZones(ws.test.db, [COOP_A.areaCode]))[0]?.public
const openCodes = async () => (await ws.app.openData.areas()).map((a) => a.id)

describe('the open-data checkbox of the area form', () => {
  it('is offered ticked on a new area, with what private hides, in Vietnamese', async () => {
    const page = await ws.coopA.get('/workspace/areas/new')
    expect(CHECKBOX.exec(page.body)?.[1]).toBe(' checked')
    expect(page.body).toContain('Công khai vùng trồng này trên bản đồ và dữ liệu mở')
    expect(page.body).toContain('vùng, trạm đo và số liệu nước của vùng không công khai')
    expect(page.body).toContain('name="publicOffered" value="1"')
  })

  it('unticked, makes the area private at once: the open-data snapshot drops it without waiting', async () => {
    expect(await isPublic()).toBe(true)
    expect(await openCodes()).toContain(COOP_A.areaCode) // the snapshot now holds it, for 15 s
    const res = await ws.coopA.post(`/workspace/areas/${COOP_A.areaCode}/edit`, await editForm(false))
    expect(res.statusCode).toBe(303)
    expect(await isPublic()).toBe(false)
    expect(await openCodes()).not.toContain(COOP_A.areaCode)
  })

  it('comes back unticked on the edit page, and the list and the officers’ area page say "Không công khai"', async () => {
    const edit = await ws.coopA.get(`/workspace/areas/${COOP_A.areaCode}/edit`)
    expect(CHECKBOX.exec(edit.body)?.[0]).toBeDefined()
    expect(CHECKBOX.exec(edit.body)?.[1]).toBeUndefined()
    const list = await ws.coopA.get('/workspace/areas')
    expect(list.body).toMatch(/<dt>Bản đồ và dữ liệu mở<\/dt><dd><strong>Không công khai<\/strong><\/dd>/)
    const console = await ws.officer.get(`/console/areas/${COOP_A.areaCode}`)
    expect(console.statusCode).toBe(200)
    expect(console.body).toContain('<strong>Không công khai</strong>')
  })

  it('keeps the choice when a post never carried the checkbox (a page from before it existed)', async () => {
    const { publicOffered: _marker, ...old } = await editForm(false)
    expect((await ws.coopA.post(`/workspace/areas/${COOP_A.areaCode}/edit`, old)).statusCode).toBe(303)
    expect(await isPublic()).toBe(false)
  })

  it('ticked again, publishes the area again at once', async () => {
    const res = await ws.coopA.post(`/workspace/areas/${COOP_A.areaCode}/edit`, await editForm(true))
    expect(res.statusCode).toBe(303)
    expect(await isPublic()).toBe(true)
    expect(await openCodes()).toContain(COOP_A.areaCode)
    const list = await ws.coopA.get('/workspace/areas')
    expect(list.body).not.toContain('Không công khai')
    const console = await ws.officer.get(`/console/areas/${COOP_A.areaCode}`)
    expect(console.body).toMatch(/<dt>Bản đồ và dữ liệu mở<\/dt><dd>Công khai<\/dd>/)
  })

  it('speaks English to a person who chose it', async () => {
    const b = ws.browser()
    await b.signIn(COOP_A.email)
    await b.get('/workspace/areas')
    await b.post('/console/lang', { lang: 'en' })
    const page = await b.get(`/workspace/areas/${COOP_A.areaCode}/edit`)
    expect(page.body).toContain('Publish this area on the public map and open data')
    expect(page.body).toContain('its lots&#39; consumer pages still show their evidence')
    const saved = await b.post(`/workspace/areas/${COOP_A.areaCode}/edit`, await editForm(false))
    expect(saved.statusCode).toBe(303)
    expect((await b.get('/workspace/areas')).body).toContain('<strong>Private</strong>')
    await ws.coopA.post(`/workspace/areas/${COOP_A.areaCode}/edit`, await editForm(true))
  })
})
