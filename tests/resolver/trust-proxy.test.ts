// Behind a reverse proxy every request comes from the proxy's address. With TRUST_PROXY set, the resolver's
// rate limit counts the phones named in X-Forwarded-For; without it, a client cannot dodge the limit by
// sending that header itself.
import { afterEach, describe, expect, it } from 'vitest'
import { issueLabels, pathOf, startTraceHarness, type TraceHarness } from '../trace/trace-harness.ts'

let harness: TraceHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

async function statuses(env: Record<string, string>): Promise<number[]> {
  harness = await startTraceHarness({ RESOLVER_RATE_LIMIT: '3', ...env })
  const [label] = await issueLabels(harness)
  const path = pathOf(label!.url)
  const codes = []
  for (let phone = 1; phone <= 5; phone++) {
    const res = await harness.app.inject({
      url: path,
      headers: { accept: 'application/json', 'x-forwarded-for': `198.51.100.${phone}` },
      remoteAddress: '10.0.0.2',
    })
    codes.push(res.statusCode)
  }
  return codes
}

describe('client address behind a proxy', () => {
  it('limits each phone separately when the proxy is trusted', async () => {
    expect(await statuses({ TRUST_PROXY: '10.0.0.0/8' })).toEqual([200, 200, 200, 200, 200])
  })

  it('ignores X-Forwarded-For from an untrusted peer', async () => {
    expect(await statuses({})).toEqual([200, 200, 200, 429, 429])
  })

  it('refuses a TRUST_PROXY value that is neither a flag, a count nor addresses', async () => {
    const { loadConfig } = await import('@zonetrace/contracts')
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/)
    expect(loadConfig({ TRUST_PROXY: '2' }).resolver.trustProxy).toBe(2)
  })
})
