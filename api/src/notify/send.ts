// One POST to a webhook target, reduced to what the delivery record keeps: the status and the class of
// the failure. The target's answer body is never read, and the fuller reason (an error code, never the
// body) goes only to the server's log.
import type { WebhookErrorClass } from '@zonetrace/contracts'
import { httpErrorClass } from '@zonetrace/db'
import { type Dispatcher, request } from 'undici'

type SendOutcome =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: WebhookErrorClass; reason: string }

export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  dispatcher: Dispatcher,
): Promise<SendOutcome> {
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    // undici's request follows no redirect: the target was vetted as given, and a 3xx usually means a
    // wrong URL. Whatever the answer says, only its status is kept.
    const res = await request(url, {
      method: 'POST',
      headers,
      body,
      dispatcher,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    })
    // Drain a little so the connection can be reused, without keeping any of it.
    await res.body.dump({ limit: 65_536 }).catch(() => {})
    if (res.statusCode >= 200 && res.statusCode < 300) return { ok: true, status: res.statusCode }
    return {
      ok: false,
      status: res.statusCode,
      error: httpErrorClass(res.statusCode),
      reason: `HTTP ${res.statusCode}`,
    }
  } catch (err) {
    return { ok: false, status: null, ...failureOf(err, signal.aborted) }
  }
}

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
])

/**
 * Classifies a failed request. A blocked address, a closed port, a reset and a name that does not
 * resolve all read `refused`: telling them apart would map which internal ports are open.
 */
function failureOf(err: unknown, timedOut: boolean): { error: WebhookErrorClass; reason: string } {
  const coded = codedError(err)
  const code = coded?.code
  const name = err instanceof Error ? err.name : ''
  const reason = coded ? `${coded.code}: ${coded.message}` : `${name || 'Error'}: ${String(err)}`
  if (timedOut || name === 'TimeoutError' || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return { error: 'timeout', reason }
  }
  if (code !== undefined && isTlsCode(code)) return { error: 'tls', reason }
  return { error: 'refused', reason }
}

/** The outermost error (following causes) that carries a code: ECONNREFUSED, UND_ERR_*, CERT_*… */
function codedError(err: unknown): { code: string; message: string } | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if ('code' in e && typeof e.code === 'string') return { code: e.code, message: e.message }
  }
  return undefined
}

/** Node's TLS errors and OpenSSL's certificate verification codes. */
function isTlsCode(code: string): boolean {
  return (
    /^ERR_(TLS|SSL)_/.test(code) ||
    /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$)/.test(
      code,
    ) ||
    code === 'EPROTO'
  )
}
