// How a label's signature rides in its link, as pure string code with no Node import, so the server
// (label-signature.ts) and the workspace's scan island (which verifies with WebCrypto) read a link the same
// way. The normative description is docs/label-signature.md.

/** Prefixed to the canonical item path to make the signed bytes: never valid as a signature of anything else. */
export const LABEL_SIGNATURE_PREFIX = 'zt-label-v1:'

/** 64 bytes in canonical base64url: 86 characters, the last one's 4 unused bits zero. */
export const SIGNATURE_FORM = /^[A-Za-z0-9_-]{85}[AQgw]$/

/**
 * `s` and `k` exactly as written in the query: not percent-decoded, '+' not read as a space, so each
 * signature has one spelling. Either name appearing twice makes the link ambiguous (`repeated`): malformed.
 */
export function signatureParams(query: string): { s?: string; k?: string; repeated: boolean } {
  const found: { s?: string; k?: string } = {}
  let repeated = false
  for (const part of query.split('&')) {
    const eq = part.indexOf('=')
    const name = eq === -1 ? part : part.slice(0, eq)
    if (name !== 's' && name !== 'k') continue
    if (found[name] !== undefined) repeated = true
    found[name] = eq === -1 ? '' : part.slice(eq + 1)
  }
  return { ...found, repeated }
}
