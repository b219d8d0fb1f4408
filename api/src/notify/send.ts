// One POST to a webhook target, reduced to what the delivery record keeps: the status and why it failed.

export type SendOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string }

/** What of a refusal's body is kept in last_error. */
const SNIPPET_BYTES = 512

export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<SendOutcome> {
  const signal = AbortSignal.timeout(timeoutMs)
  let response: Response
  try {
    // Redirects are not followed: the target was vetted as given, and a 3xx usually means a wrong URL.
    response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal })
  } catch (err) {
    return { ok: false, status: null, error: failureOf(err, timeoutMs) }
  }
  if (response.status >= 200 && response.status < 300) {
    // Free the connection without waiting for a body nobody reads.
    await response.body?.cancel().catch(() => {})
    return { ok: true, status: response.status }
  }
  const snippet = await readSnippet(response)
  return {
    ok: false,
    status: response.status,
    error: `HTTP ${response.status}${snippet ? `: ${snippet}` : ''}`,
  }
}

function failureOf(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`
  }
  // fetch reports every network failure as "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is the cause.
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : null
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? `${cause.code}: ` : ''
  return `network error: ${code}${cause?.message ?? (err instanceof Error ? err.message : String(err))}`
}

async function readSnippet(response: Response): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    while (size < SNIPPET_BYTES) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.length
    }
  } catch {
    // A body cut off or timed out still leaves the status, which is what matters.
  } finally {
    await reader.cancel().catch(() => {})
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks).subarray(0, SNIPPET_BYTES))
  return text.replace(/\s+/g, ' ').trim().slice(0, 300)
}
