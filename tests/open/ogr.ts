// GDAL's command-line tools (Debian's gdal-bin) as a GIS user runs them against /ogc: run without a shell,
// and their feature listings read back. `ogrinfo -json` only exists from GDAL 3.7, so the listing is read
// from the plain text form, whose `OGRFeature(layer):fid` and `  name (Type) = value` lines have not changed
// in many GDAL versions. CI installs gdal-bin (.ci/run) and sets CI_REQUIRE_TOOLS, so there a missing
// ogrinfo fails the suite; elsewhere the suite is skipped with the reason in its name.
import { execFile, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** Why GDAL's tests cannot run here, or null when ogrinfo and ogr2ogr answer. */
export const gdalMissing: string | null = (() => {
  for (const tool of ['ogrinfo', 'ogr2ogr']) {
    const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' })
    if (probe.error || probe.status !== 0) return `${tool} not installed (apt-get install gdal-bin)`
  }
  return null
})()

export const gdalVersion = gdalMissing
  ? ''
  : spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' }).stdout.trim()

/** Runs a GDAL tool; a failure throws with its stderr, which names the request GDAL could not make. */
export async function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: string[]): Promise<string> {
  try {
    const { stdout } = await run(tool, args, {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 60_000,
      // A proxy configured on the machine must not stand between GDAL and the test's own server.
      env: { ...process.env, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' },
    })
    return stdout
  } catch (err) {
    const { stderr, stdout } = err as { stderr?: string; stdout?: string }
    throw new Error(`${tool} ${args.join(' ')} failed:\n${stderr || stdout || String(err)}`)
  }
}

/** The layer names of an `ogrinfo <datasource>` listing (`1: growing-areas (title: …) (Polygon)`). */
export function layerNames(listing: string): string[] {
  return [...listing.matchAll(/^\d+: (\S+)/gm)].map((m) => m[1]!)
}

/** `Feature Count: n` of a layer summary, or null when GDAL did not print one. */
export function featureCount(summary: string): number | null {
  const match = /^Feature Count: (\d+)$/m.exec(summary)
  return match ? Number(match[1]) : null
}

export type OgrFeature = Record<string, string | null>

/** Every feature of `layer` in an `ogrinfo -al` listing: its fields as text, `(null)` as null. */
export function ogrFeatures(listing: string, layer: string): OgrFeature[] {
  const features: OgrFeature[] = []
  let current: OgrFeature | null = null
  const start = `OGRFeature(${layer}):`
  for (const line of listing.split('\n')) {
    if (line.startsWith('OGRFeature(')) {
      current = line.startsWith(start) ? {} : null
      if (current) features.push(current)
      continue
    }
    // `  certifications (String(JSON)) = [ … ]`: the type may hold parentheses of its own.
    const field = /^ {2}([^ ]+) \((.+?)\) = (.*)$/.exec(line)
    if (current && field) current[field[1]!] = field[3] === '(null)' ? null : field[3]!
  }
  return features
}
