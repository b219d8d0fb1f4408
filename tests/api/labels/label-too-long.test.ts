// A lot whose links need a QR symbol larger than version 10: the API refuses it with 400 and the same
// message as `zonetrace labels` (tests/cli/labels.test.ts), before any serial is issued.
import { labelLinkTooLong } from '@zonetrace/api'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../../helpers/fixture.ts'
import { createLongLot, LONG_BASE, LONG_LOT, TOO_LONG_MESSAGE } from '../../helpers/too-long-lot.ts'
import { startTraceHarness } from '../../trace/trace-harness.ts'

const api = sharedFixture(() => startTraceHarness({ PUBLIC_BASE_URL: LONG_BASE }))

beforeAll(async () => {
  await createLongLot(api.test.db)
})

describe('labels too long for the QR limit', () => {
  it('are refused by POST /lots/{lotId}/labels with 400 and the shared message, and nothing is issued', async () => {
    const res = await api.post(`/api/v1/lots/${encodeURIComponent(LONG_LOT)}/labels`, api.vicosap, {
      count: 5,
    })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: 'Bad Request', message: TOO_LONG_MESSAGE })
    const [row] = await api.test.db.query<{ n: number }>(
      `select count(*)::int as n from label_serials where lot_id = $1`,
      [LONG_LOT],
    )
    expect(row?.n).toBe(0)
    // The same lot under a shorter base fits, and ordinary lots fit under the long base.
    expect(
      labelLinkTooLong('https://truyxuat.vinhlong.gov.vn', { gtin: '08930000000019', lot: LONG_LOT }),
    ).toBeNull()
    expect(labelLinkTooLong(LONG_BASE, { gtin: '08930000000019', lot: 'L'.repeat(20) })).toBeNull()
    const ok = await api.post('/api/v1/lots/DS2610A/labels', api.vicosap, { count: 1 })
    expect(ok.statusCode).toBe(201)
  })
})
