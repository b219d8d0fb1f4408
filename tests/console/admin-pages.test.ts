// The admins' operations pages: dead letters (filters, paging, escaped payloads), scheduled jobs (run now,
// through the API's own scheduler) and label signing keys (rotate; revoke only after the warning page),
// refused to officers, and every change named in the audit log.
import { type DeadLetterEntry, insertDeadLetters, listAudit } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { malformedPack } from '../helpers/dead-letter.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { ACCOUNTS, type ConsoleBrowser, startConsoleHarness } from './console-fixture.ts'

// JOBS is off in the harness (as in tests/jobs/routes.test.ts): nothing runs on a schedule, "Run now" does.
const consoleApi = sharedFixture(() => startConsoleHarness(), 60_000)
let admin: ConsoleBrowser

const T0 = Date.parse('2026-03-01T00:00:00Z')
function letter(i: number, over: Partial<DeadLetterEntry> = {}): DeadLetterEntry {
  return malformedPack(i, new Date(T0 + i * 60_000), 'gw-console', over)
}

beforeAll(async () => {
  // 55 malformed packs a minute apart (more than a page), then one whose payload is markup.
  await insertDeadLetters(
    consoleApi.test.db,
    Array.from({ length: 55 }, (_, i) => letter(i)),
  )
  const markup = Buffer.from(`<script>alert(1)</script>${'x'.repeat(400)}`)
  await insertDeadLetters(consoleApi.test.db, [
    letter(100, {
      gatewayId: 'gw-other',
      topic: 'zt/v1/gw/gw-other/readings',
      reason: 'non_finite_value',
      detail: 'record 2: value is not a finite number',
      recordIndex: 2,
      payload: markup,
      payloadSize: markup.length,
    }),
  ])
  admin = consoleApi.browser()
  await admin.signIn(ACCOUNTS.admin)
})

const rows = (body: string) => body.match(/<tr><td data-label=/g)?.length ?? 0

describe('dead letters', () => {
  it('lists the newest first with the payload escaped and cut short', async () => {
    const res = await admin.get('/console/admin/dead-letters')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<h1>Thư lỗi</h1>')
    expect(res.body).toContain('aria-current="page">Thư lỗi</a>')
    expect(rows(res.body)).toBe(50)
    // The newest (1 March 2026 01:40 UTC) on the Vietnamese clock, first.
    expect(res.body.indexOf('01/03/2026 08:40')).toBeLessThan(res.body.indexOf('01/03/2026 07:54'))
    expect(res.body).toContain('Giá trị không hữu hạn')
    expect(res.body).toContain('record 2: value is not a finite number (bản ghi 2)')
    expect(res.body).not.toContain('<script>')
    expect(res.body).toContain(`&lt;script&gt;alert(1)&lt;/script&gt;${'x'.repeat(175)}…</code>`)
    expect(res.body).toContain('425 byte')
  })

  it('filters by reason and gateway, and pages to older letters keeping the filter', async () => {
    const other = await admin.get('/console/admin/dead-letters?reason=non_finite_value&gateway=')
    expect(rows(other.body)).toBe(1)
    expect(other.body).toContain('<option value="non_finite_value" selected>')
    const first = await admin.get('/console/admin/dead-letters?gateway=gw-console')
    expect(rows(first.body)).toBe(50)
    const older = /href="(\/console\/admin\/dead-letters\?[^"]+)">Cũ hơn/.exec(first.body)?.[1]
    expect(older).toMatch(/^\/console\/admin\/dead-letters\?gateway=gw-console&amp;before=\d+$/)
    const second = await admin.get(older!.replace(/&amp;/g, '&'))
    expect(rows(second.body)).toBe(5)
    expect(second.body).toContain('01/03/2026 07:04') // the oldest, i = 4
    expect(second.body).toContain('01/03/2026 07:00') // i = 0
    expect(second.body).not.toContain('Cũ hơn')
    expect((await admin.get('/console/admin/dead-letters?gateway=gw-none')).body).toContain(
      'Không có thư lỗi nào khớp.',
    )
  })

  it('answers a reason or cursor it does not know with the page and a message, not a 500', async () => {
    const bad = await admin.get('/console/admin/dead-letters?reason=%3Cb%3Eoops')
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Lý do &quot;&lt;b&gt;oops&quot; không có trong danh sách.')
    expect((await admin.get('/console/admin/dead-letters?before=abc')).statusCode).toBe(400)
  })
})

describe('scheduled jobs', () => {
  it('lists every job with its schedule, runs one now and shows the run', async () => {
    const page = await admin.get('/console/admin/jobs')
    expect(page.statusCode).toBe(200)
    for (const [name, schedule] of [
      ['retention', '17 * * * *'],
      ['compression', '37 * * * *'],
      ['rollups', '*/15 * * * *'],
      ['compliance', '30 0,6,12,18 * * *'],
    ]) {
      expect(page.body).toContain(`<h2 id="job-${name}"><code>${name}</code></h2>`)
      expect(page.body).toContain(`<code>${schedule}</code>`)
      expect(page.body).toContain(`action="/console/admin/jobs/${name}/run"`)
    }
    expect(page.body).toContain('Máy chủ này không chạy theo lịch (JOBS tắt)')

    const ran = await admin.post('/console/admin/jobs/rollups/run')
    expect(ran.statusCode).toBe(200)
    expect(ran.body).toMatch(/Đã chạy tác vụ rollups \(\d+ ms\)\./)
    const section = ran.body.slice(
      ran.body.indexOf('id="job-rollups"'),
      ran.body.indexOf('id="job-compliance"'),
    )
    expect(section).toContain('<span class="run-ok">Thành công</span>')
    expect(section).toContain('&quot;mode&quot;:')
  })

  it('says so for a job that does not exist', async () => {
    await admin.get('/console/admin/jobs')
    const res = await admin.post('/console/admin/jobs/vacuum/run')
    expect(res.statusCode).toBe(404)
    expect(res.body).toContain('Không có tác vụ nào tên &quot;vacuum&quot;.')
  })
})

describe('label signing keys', () => {
  const jwksKids = async () =>
    ((await consoleApi.app.inject({ url: '/.well-known/jwks.json' })).json().keys as { kid: string }[]).map(
      (k) => k.kid,
    )

  it('rotates, and revokes only once the warning page is confirmed', async () => {
    await admin.get('/console/admin/label-keys')
    const first = await admin.post('/console/admin/label-keys/rotate')
    expect(first.statusCode).toBe(200)
    const oldKid = /Đã tạo khóa ([\w-]+);/.exec(first.body)?.[1] as string
    const second = await admin.post('/console/admin/label-keys/rotate')
    const newKid = /Đã tạo khóa ([\w-]+);/.exec(second.body)?.[1] as string
    expect(newKid).not.toBe(oldKid)
    expect(second.body).toContain(`<code>${oldKid}</code>`)
    expect(second.body).toContain('Chỉ xác thực nhãn đã in')
    expect(second.body).toContain('Đang ký nhãn mới')
    expect(await jwksKids()).toEqual(expect.arrayContaining([oldKid, newKid]))

    const asked = await admin.post(`/console/admin/label-keys/${oldKid}/revoke-confirm`)
    expect(asked.statusCode).toBe(200)
    expect(asked.body).toContain(`Thu hồi khóa ${oldKid}?`)
    expect(asked.body).toContain('MỌI nhãn đã in bằng khóa này sẽ hiện là KHÔNG xác thực khi quét mã QR')
    expect(asked.body).toContain('<input type="hidden" name="confirm" value="yes">')
    expect(await jwksKids()).toContain(oldKid)

    // Posting to the revocation without the confirmation revokes nothing either.
    const unconfirmed = await admin.post(`/console/admin/label-keys/${oldKid}/revoke`)
    expect(unconfirmed.statusCode).toBe(400)
    expect(await jwksKids()).toContain(oldKid)

    const revoked = await admin.post(`/console/admin/label-keys/${oldKid}/revoke`, { confirm: 'yes' })
    expect(revoked.statusCode).toBe(200)
    expect(revoked.body).toContain(`Đã thu hồi khóa ${oldKid}.`)
    const kids = await jwksKids()
    expect(kids).toContain(newKid)
    expect(kids).not.toContain(oldKid)
    const list = (await consoleApi.app.labelKeys.list()).find((k) => k.kid === oldKid)
    expect(list?.revokedAt).toEqual(expect.any(String))

    const again = await admin.post(`/console/admin/label-keys/${oldKid}/revoke`, { confirm: 'yes' })
    expect(again.statusCode).toBe(409)
    expect((await admin.post('/console/admin/label-keys/nope/revoke-confirm')).statusCode).toBe(404)
  })
})

describe('for admins only, and audited', () => {
  it.each(['/console/admin/dead-letters', '/console/admin/jobs', '/console/admin/label-keys'])(
    'an officer opening %s gets 403',
    async (url) => {
      const officer = consoleApi.browser()
      await officer.signIn(ACCOUNTS.officer)
      const res = await officer.get(url)
      expect(res.statusCode).toBe(403)
      expect(res.body).toContain('Không có quyền truy cập')
      expect(res.body).not.toContain('Thư lỗi</a>')
    },
  )

  it("refuses an officer's posts even with a valid form token", async () => {
    const officer = consoleApi.browser()
    await officer.signIn(ACCOUNTS.officer)
    await officer.get('/console')
    const before = (await consoleApi.app.labelKeys.list()).length
    expect((await officer.post('/console/admin/jobs/retention/run')).statusCode).toBe(403)
    expect((await officer.post('/console/admin/label-keys/rotate')).statusCode).toBe(403)
    expect((await consoleApi.app.labelKeys.list()).length).toBe(before)
  })

  it('names rotate, revoke and run in the audit log, with who and what', async () => {
    const entries = await listAudit(consoleApi.test.db, { limit: 200 })
    const actions = entries.filter((e) => e.actor === ACCOUNTS.admin).map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining(['job run', 'label-key rotate', 'label-key revoke asked', 'label-key revoke']),
    )
    // The run that did not exist, the unconfirmed and the repeated revocation changed nothing: not logged.
    expect(actions.filter((a) => a === 'label-key revoke')).toHaveLength(1)
    expect(actions.filter((a) => a === 'job run')).toHaveLength(1)
    expect(entries.find((e) => e.action === 'job run')).toMatchObject({ target: 'rollups' })
    expect(entries.find((e) => e.action === 'label-key revoke')).toMatchObject({
      detail: { body: { confirm: 'yes' } },
    })
    const log = await admin.get('/console/admin/audit')
    expect(log.body).toContain('<code>label-key revoke</code>')
  })
})
