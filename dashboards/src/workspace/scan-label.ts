// What the scan form's field names: a label's signed link (verified against the platform's own published
// keys, exactly as a phone verifies it offline) or the code printed under its QR symbol (looked up among the
// issued serials, as the resolver's /check does). Either way the answer is the label's lot, or why not.
import { verifyLabelUrl } from '@zonetrace/contracts'
import { findLabel } from '@zonetrace/db'
import type { FastifyInstance } from 'fastify'
import type { ScanProblem } from './pages/scan-text.ts'

const SERIAL = /^[0-9A-HJKMNP-TV-Z]{12}$/

export type LabelLot = { lotId: string } | { problem: ScanProblem }

export async function lotOfLabel(fastify: FastifyInstance, typed: string): Promise<LabelLot> {
  const code = typed.trim()
  if (code === '') return { problem: 'empty' }
  if (code.includes('/')) {
    const verdict = verifyLabelUrl(code, await fastify.labelKeys.jwks())
    return verdict.authentic ? { lotId: verdict.item.lot } : { problem: verdict.reason }
  }
  // Crockford base32, as printed: spaces and dashes are grouping, O I L are read as 0 1 1.
  const serial = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  if (!SERIAL.test(serial)) return { problem: 'unknown_code' }
  const label = await findLabel(fastify.db, serial)
  return label ? { lotId: label.lotId } : { problem: 'unknown_code' }
}
