// The Debian tools the label tests print with: poppler-utils (pdftoppm, pdftotext, pdfinfo) renders and reads
// the PDF as a print shop's computer would, zbar-tools (zbarimg) scans the codes on the rendered page like a
// phone. CI installs both (.ci/run) and sets CI_REQUIRE_TOOLS, so there a missing tool fails the test;
// elsewhere the test is skipped, loudly.
import { execFile, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

export const PRINT_TOOLS: Record<string, string> = {
  pdftoppm: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  zbarimg: 'zbar-tools',
}

const missing = Object.keys(PRINT_TOOLS).filter(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
)

/** False (after skipping the test, loudly) when a tool is missing; throws instead under CI_REQUIRE_TOOLS. */
export function printToolsOr(skip: (note?: string) => void): boolean {
  if (missing.length === 0) return true
  const packages = [...new Set(missing.map((t) => PRINT_TOOLS[t]))].join(' ')
  const message = `missing ${missing.join(', ')}: apt-get install ${packages}`
  if (process.env.CI_REQUIRE_TOOLS) throw new Error(`${message} (CI_REQUIRE_TOOLS is set, so this fails)`)
  console.warn(`\n*** SKIPPED: ${message} ***\n`)
  skip(message)
  return false
}

export async function tool(name: string, args: string[]): Promise<string> {
  const { stdout } = await run(name, args, { maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

/** Every QR code zbarimg finds on a PNG, as text. zbarimg exits 4 when it finds none. */
export async function decodeQrCodes(png: string): Promise<string[]> {
  try {
    const out = await tool('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', png])
    return out.split('\n').filter(Boolean)
  } catch (err) {
    if ((err as { code?: number }).code === 4) return []
    throw err
  }
}
