// Shared by the agent tests: a real broker over a real database on a fixed port (so it can be stopped and
// started again at the same address), and agents with a temp data dir configured to reach it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RunningBroker, startBroker } from '@zonetrace/broker'
import type { Database } from '@zonetrace/db'
import type { AgentReading, RunningAgent } from '@zonetrace/edge-agent'
import { resolveAgentConfig, startAgent } from '@zonetrace/edge-agent'
import pino from 'pino'

export const silent = pino({ level: process.env.TEST_AGENT_LOG ?? 'silent' })

export function brokerOn(db: Database, port: number): Promise<RunningBroker> {
  return startBroker({ db, port, host: '127.0.0.1', logger: silent })
}

export interface TestAgent {
  agent: RunningAgent
  dataDir: string
  /** Stops the agent and removes its data dir. */
  close(): Promise<void>
}

export async function startTestAgent(
  brokerPort: number,
  creds: { gatewayId: string; password: string },
  extra: Record<string, unknown> = {},
  dataDir?: string,
): Promise<TestAgent> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'zt-agent-')))
  const config = await resolveAgentConfig({
    gatewayId: creds.gatewayId,
    secret: creds.password,
    brokerUrl: `mqtt://127.0.0.1:${brokerPort}`,
    dataDir: dir,
    inputs: {},
    uplink: { backoffMinMs: 50, backoffMaxMs: 400, heartbeatSeconds: 1 },
    spool: { fsync: 'interval', fsyncIntervalMs: 50 },
    ...extra,
  })
  const agent = await startAgent({ config, log: silent })
  return {
    agent,
    dataDir: dir,
    async close() {
      await agent.close()
      if (!dataDir) await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Readings of one probe's four metrics, one instant per second from `start`. */
export function probeReadings(sensorId: string, start: number, seconds: number): AgentReading[] {
  const out: AgentReading[] = []
  for (let s = 0; s < seconds; s++) {
    const time = start + s * 1000
    out.push(
      { sensorId, metric: 'salinity', time, value: 10 + (s % 97) / 10, quality: 0 },
      { sensorId, metric: 'ph', time, value: 7.5 + (s % 13) / 100, quality: 0 },
      { sensorId, metric: 'dissolved_oxygen', time, value: 5 + (s % 31) / 10, quality: 0 },
      { sensorId, metric: 'temperature', time, value: 28 + (s % 17) / 10, quality: 0 },
    )
  }
  return out
}
