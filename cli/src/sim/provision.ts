// Where `zonetrace sim` gets gateway credentials: a file, the server database, or a running demo's API.
// Fleets of thousands (load mode) are provisioned in bulk in the database, or a few requests at a time
// through the API, with progress in the log.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { GatewayCredentials } from '@zonetrace/contracts'
import { listZones, openDatabase, provisionGateways } from '@zonetrace/db'
import { parseCredentials, readCredentialsFile, type SimGateway } from '@zonetrace/firmware-sim'
import type { Context } from '../context.ts'
import { DEMO_INFO_FILE } from '../demo/files.ts'
import { CliError } from '../errors.ts'
import type { Logger } from '../logger.ts'
import { probeChannels } from '../probes.ts'

export interface SimRequest {
  gateways: number
  probes: number
  zone: string | undefined
  credentialsFile: string | undefined
}

export interface SimFleet {
  gateways: SimGateway[]
  /** Zone kind for every gateway, when known. */
  kind: string | undefined
  source: string
}

export async function simFleet(req: SimRequest, ctx: Context): Promise<SimFleet> {
  if (req.credentialsFile) {
    return {
      gateways: await readCredentialsFile(req.credentialsFile),
      kind: undefined,
      source: req.credentialsFile,
    }
  }
  if (ctx.config.databaseUrl) return provisionInDatabase(req, ctx.config.databaseUrl, ctx.logger)
  return provisionThroughApi(req, ctx)
}

/** Ids unique per run: secrets are shown once, so a rerun provisions new gateways instead of reusing. */
function newIds(count: number): string[] {
  const tag = Date.now().toString(36)
  return Array.from({ length: count }, (_, i) => `sim-${tag}-${i + 1}`)
}

/** Gateways per bulk insert: big enough for speed, small enough for one statement's parameters. */
const DB_BATCH = 500
/** Provisioning requests in flight against the demo API. */
const API_CONCURRENCY = 8

async function provisionInDatabase(req: SimRequest, databaseUrl: string, logger: Logger): Promise<SimFleet> {
  const { db } = await openDatabase({ databaseUrl, poolSize: 2 })
  try {
    const zones = await listZones(db)
    const zone = req.zone ? zones.find((z) => z.code === req.zone) : zones[0]
    if (!zone) throw new CliError(req.zone ? `unknown growing area "${req.zone}"` : noZoneMessage)
    const gateways: GatewayCredentials[] = []
    const ids = newIds(req.gateways)
    for (let i = 0; i < ids.length; i += DB_BATCH) {
      const batch = ids.slice(i, i + DB_BATCH)
      const reqs = batch.map((id) => ({ id, zone: zone.code, sensors: probeChannels(id, req.probes) }))
      gateways.push(...(await provisionGateways(db, reqs)))
      if (ids.length > DB_BATCH)
        logger.info({ provisioned: gateways.length, total: ids.length }, 'provisioning')
    }
    return { gateways, kind: zone.kind, source: `database, growing area ${zone.code}` }
  } finally {
    await db.close()
  }
}

const noZoneMessage = 'the database has no growing area yet; run `zonetrace demo` once or create one'

async function provisionThroughApi(req: SimRequest, { config, logger }: Context): Promise<SimFleet> {
  const infoFile = join(config.dataDir, DEMO_INFO_FILE)
  const token = await demoToken(infoFile)
  const base = `http://localhost:${config.httpPort}`
  const call = async (method: string, path: string, body?: unknown) => {
    let res: Response
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      })
    } catch (err) {
      throw new CliError(
        `cannot reach the demo API at ${base} (${(err as Error).message}); is \`zonetrace demo\` running?`,
      )
    }
    const json = (await res.json().catch(() => null)) as unknown
    if (!res.ok) {
      const message = (json as { message?: unknown } | null)?.message
      throw new CliError(`${method} ${path} failed with ${res.status}${message ? `: ${message}` : ''}`)
    }
    return json
  }

  const zones = asZones(await call('GET', '/api/v1/zones'))
  const zone = req.zone ? zones.find((z) => z.code === req.zone) : zones[0]
  if (!zone) throw new CliError(req.zone ? `unknown growing area "${req.zone}"` : noZoneMessage)
  const ids = newIds(req.gateways)
  const gateways: GatewayCredentials[] = new Array(ids.length)
  let next = 0
  let done = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < ids.length) {
      const i = next++
      const id = ids[i]!
      // One probe uses the contract's short form; more probes need explicit sensor ids.
      const sensors =
        req.probes === 1 ? probeChannels(id, 1).map((c) => c.metric) : probeChannels(id, req.probes)
      try {
        const created = await call('POST', '/api/v1/gateways', { id, zone: zone.code, sensors })
        gateways[i] = parseCredentials(created, `POST /api/v1/gateways answer`)
      } catch (err) {
        failed = true // the others stop at their next turn instead of provisioning on
        throw err
      }
      if (++done % 100 === 0) logger.info({ provisioned: done, total: ids.length }, 'provisioning')
    }
  }
  await Promise.all(Array.from({ length: Math.min(API_CONCURRENCY, ids.length) }, worker))
  return { gateways, kind: zone.kind, source: `demo API ${base}, growing area ${zone.code}` }
}

async function demoToken(infoFile: string): Promise<string> {
  let info: { adminToken?: unknown }
  try {
    info = JSON.parse(await readFile(infoFile, 'utf8'))
  } catch {
    throw new CliError(
      `no gateways to simulate: pass --credentials FILE, set DATABASE_URL, or start \`zonetrace demo\` (${infoFile} not found)`,
    )
  }
  if (typeof info.adminToken !== 'string') throw new CliError(`${infoFile} has no adminToken`)
  return info.adminToken
}

function asZones(json: unknown): { code: string; kind: string | undefined }[] {
  const list = Array.isArray(json) ? json : (json as { zones?: unknown } | null)?.zones
  if (!Array.isArray(list)) throw new CliError('GET /api/v1/zones did not return a list of zones')
  return list
    .filter((z): z is { code: string; kind?: unknown } => typeof z?.code === 'string')
    .map((z) => ({ code: z.code, kind: typeof z.kind === 'string' ? z.kind : undefined }))
}
