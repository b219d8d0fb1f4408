// Reads `--credentials FILE`: one `zonetrace gateway add` output, or an array of them.
import { readFile } from 'node:fs/promises'
import { type GatewayCredentials, isGatewayId, isMetric, isSensorId } from '@zonetrace/contracts'

export class CredentialsError extends Error {}

export async function readCredentialsFile(path: string): Promise<GatewayCredentials[]> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw new CredentialsError(`cannot read credentials file ${path}: ${(err as Error).message}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new CredentialsError(`credentials file ${path} is not valid JSON`)
  }
  const list = Array.isArray(parsed) ? parsed : [parsed]
  if (list.length === 0) throw new CredentialsError(`credentials file ${path} lists no gateways`)
  return list.map((entry, i) => parseCredentials(entry, `${path} entry ${i}`))
}

export function parseCredentials(entry: unknown, where: string): GatewayCredentials {
  const e = entry as Partial<Record<keyof GatewayCredentials, unknown>> | null
  const bad = (what: string) => new CredentialsError(`${where}: ${what}`)
  if (e === null || typeof e !== 'object') throw bad('expected an object from `zonetrace gateway add`')
  if (typeof e.gatewayId !== 'string' || !isGatewayId(e.gatewayId))
    throw bad('gatewayId is missing or invalid')
  if (typeof e.password !== 'string' || e.password === '') throw bad('password is missing')
  const username = typeof e.username === 'string' ? e.username : e.gatewayId
  if (!Array.isArray(e.sensors) || e.sensors.length === 0) throw bad('sensors must be a non-empty array')
  const sensors = e.sensors.map((s: unknown) => {
    const { sensorId, metric } = (s ?? {}) as { sensorId?: unknown; metric?: unknown }
    if (typeof sensorId !== 'string' || !isSensorId(sensorId)) throw bad('a sensor has no valid sensorId')
    if (typeof metric !== 'string' || !isMetric(metric)) throw bad(`unknown metric ${JSON.stringify(metric)}`)
    return { sensorId, metric }
  })
  return { gatewayId: e.gatewayId, username, password: e.password, sensors }
}
