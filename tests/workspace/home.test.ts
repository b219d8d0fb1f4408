// GET /workspace: the cooperative's own areas with open alerts, latest readings and a certificate running
// out; its lots still moving; feedback of the last week (escaped) and labels that look copied. Another
// cooperative's records never appear.
import { addFeedback, provisionGateway, recallLot, registerArea, vietnamDate } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedAlert } from '../alerts/harness.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { OFFICER, VICOSAP } from '../helpers/trace-fixtures.ts'
import { addRule } from '../rules/engine-harness.ts'
import { COOP_A, COOP_B, startWorkspaceHarness } from './workspace-fixture.ts'

const ws = sharedFixture(() => startWorkspaceHarness(), 60_000)
const HOSTILE = '<script>alert("ý kiến")</script>'

beforeAll(async () => {
  const db = ws.test.db
  await provisionGateway(db, { id: 'gw-ngocho', zone: COOP_A.areaCode, sensors: ['salinity'] })
  await db.query(
    `insert into readings (time, sensor_id, metric, value) values (now() - interval '5 minutes', $1, 'salinity', 3.25)`,
    ['gw-ngocho-s1'],
  )
  const ruleId = await addRule(db, {
    zone_code: COOP_A.areaCode,
    metric: 'salinity',
    kind: 'threshold',
    max: 3,
    severity: 'major',
  })
  await seedAlert(db, {
    ruleId,
    sensorId: 'gw-ngocho-s1',
    gatewayId: 'gw-ngocho',
    zone: COOP_A.areaCode,
    metric: 'salinity',
    severity: 'major',
    openedAt: new Date(Date.now() - 600_000),
    value: 3.25,
    threshold: 3,
  })
  await registerArea(db, OFFICER, {
    code: 'VN-TEST-EXPIRING',
    name: 'Vùng sắp hết hạn',
    cooperativeId: COOP_A.cooperativeId,
    crop: 'wax_coconut',
    communeCode: '29332',
    preset: 'coconut',
    certifications: [
      {
        scheme: 'vietgap',
        certificateNo: 'VG-TEST-02',
        issuer: null,
        validFrom: '2025-01-01',
        validTo: vietnamDate(Date.now() + 20 * 86_400_000),
      },
    ],
  })
  await addFeedback(db, { lotId: COOP_A.lotId, serial: 'S1', rating: 4, comment: HOSTILE, lang: 'vi' })
  await addFeedback(db, {
    lotId: COOP_B.lotId,
    serial: 'S2',
    rating: 1,
    comment: 'Lời của Hòa Tân',
    lang: 'vi',
  })
})

describe('GET /workspace', () => {
  it('shows the cooperative’s areas with the open alert, the latest reading and the certificate running out', async () => {
    const res = await ws.coopA.get('/workspace')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Vùng dừa Ngọc Hồ')
    expect(res.body).toContain('1 cảnh báo đang mở, cao nhất: Nghiêm trọng')
    expect(res.body).toMatch(/3,25/)
    expect(res.body).toContain('5 phút trước')
    expect(res.body).toContain('Chứng nhận hết hạn sau 20 ngày')
    expect(res.body).toContain(`href="/workspace/lots/${COOP_A.lotId}"`)
  })

  it('escapes a comment and never shows another cooperative’s records', async () => {
    const res = await ws.coopA.get('/workspace')
    expect(res.body).not.toContain(HOSTILE)
    expect(res.body).toContain('&lt;script&gt;')
    expect(res.body).not.toContain('Lời của Hòa Tân')
    expect(res.body).not.toContain(COOP_B.lotId)
    expect(res.body).not.toContain('Vùng dừa sáp Hòa Tân')
    const other = await ws.coopB.get('/workspace')
    expect(other.body).toContain('Lời của Hòa Tân')
    expect(other.body).not.toContain('Vùng dừa Ngọc Hồ')
    expect(other.body).toContain('Không có cảnh báo')
  })

  it('leaves out recalled lots and shows a flagged serial with its reason', async () => {
    const db = ws.test.db
    await db.query(
      `insert into label_serials (serial, lot_id, kid, scan_count, clone_flag, clone_flagged_at)
       values ('COPY1', $1, 'k1', 40, 'too_many_scans', now())`,
      [COOP_A.lotId],
    )
    await recallLot(db, VICOSAP, COOP_A.lotId, 'thử thu hồi')
    const res = await ws.coopA.get('/workspace')
    expect(res.body).toContain('Không có lô nào đang xử lý.')
    expect(res.body).toContain(`Tem COPY1 của lô ${COOP_A.lotId}`)
    expect(res.body).toContain('bị quét quá nhiều lần')
  })

  it('sends a signed-out visitor to sign in', async () => {
    const res = await ws.browser().get('/workspace')
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toMatch(/^\/console\/login/)
  })
})
