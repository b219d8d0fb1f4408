// Reads and checks the agent's config file. Every problem is reported at once, with the JSON path, so a
// technician on site fixes the file in one go instead of one error per restart.
import { readFile } from 'node:fs/promises'
import { isGatewayId, isPresetId, THRESHOLD_PRESETS } from '@zonetrace/contracts'
import Value from 'typebox/value'
import { type LocalAlarmRule, validateLocalRules } from '../alarms/rules.ts'
import { type AgentConfigFile, AgentConfigSchema } from './schema.ts'

export class AgentConfigError extends Error {}

export interface AgentConfig {
  gatewayId: string
  password: string
  brokerUrl: string
  dataDir: string
  spool: {
    maxBytes: number
    whenFull: 'reject_new' | 'drop_oldest'
    fsync: 'always' | 'interval'
    fsyncIntervalMs: number
  }
  uplink: {
    window: number
    packReadings: number
    heartbeatSeconds: number
    backoffMinMs: number
    backoffMaxMs: number
  }
  inputs: NonNullable<AgentConfigFile['inputs']>
  alarms: NonNullable<AgentConfigFile['alarms']>
  logLevel: string
}

export async function loadAgentConfig(path: string): Promise<AgentConfig> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw new AgentConfigError(`cannot read config file ${path}: ${(err as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new AgentConfigError(`config file ${path} is not valid JSON: ${(err as Error).message}`)
  }
  return resolveAgentConfig(json, path)
}

export async function resolveAgentConfig(json: unknown, source = 'config'): Promise<AgentConfig> {
  if (!Value.Check(AgentConfigSchema, json)) {
    const problems = [...Value.Errors(AgentConfigSchema, json)].map(
      (e) => `  ${e.instancePath || '/'}: ${e.message}`,
    )
    throw new AgentConfigError(`${source} is not a valid agent config:\n${[...new Set(problems)].join('\n')}`)
  }
  const c = json as AgentConfigFile
  if (!isGatewayId(c.gatewayId))
    throw new AgentConfigError(`${source}: gatewayId "${c.gatewayId}" is not valid`)
  if ((c.secret === undefined) === (c.secretFile === undefined))
    throw new AgentConfigError(`${source}: give exactly one of secret and secretFile`)
  const preset = c.alarms?.preset
  if (preset !== undefined && !isPresetId(preset))
    throw new AgentConfigError(
      `${source}: alarms.preset "${preset}" is not one of ${Object.keys(THRESHOLD_PRESETS).join(', ')}`,
    )
  const ruleProblems = c.alarms?.rules ? validateLocalRules(c.alarms.rules as LocalAlarmRule[]) : []
  if (ruleProblems.length > 0)
    throw new AgentConfigError(`${source}: alarms.rules:\n${ruleProblems.map((p) => `  ${p}`).join('\n')}`)
  const password = c.secret ?? (await readSecret(c.secretFile!))
  const uplink = {
    window: 16,
    packReadings: 500,
    heartbeatSeconds: 60,
    backoffMinMs: 1000,
    backoffMaxMs: 60_000,
    ...c.uplink,
  }
  if (uplink.backoffMaxMs < uplink.backoffMinMs)
    throw new AgentConfigError(`${source}: uplink.backoffMaxMs must not be below backoffMinMs`)
  return {
    gatewayId: c.gatewayId,
    password,
    brokerUrl: c.brokerUrl,
    dataDir: c.dataDir,
    spool: {
      maxBytes: Math.round((c.spool?.maxMegabytes ?? 256) * 1024 * 1024),
      whenFull: c.spool?.whenFull ?? 'drop_oldest',
      fsync: c.spool?.fsync ?? 'always',
      fsyncIntervalMs: c.spool?.fsyncIntervalMs ?? 1000,
    },
    uplink,
    inputs: c.inputs ?? { mqtt: {} },
    alarms: c.alarms ?? {},
    logLevel: c.logLevel ?? 'info',
  }
}

async function readSecret(path: string): Promise<string> {
  try {
    const secret = (await readFile(path, 'utf8')).trim()
    if (secret.length === 0) throw new Error('the file is empty')
    return secret
  } catch (err) {
    throw new AgentConfigError(`cannot read secretFile ${path}: ${(err as Error).message}`)
  }
}
