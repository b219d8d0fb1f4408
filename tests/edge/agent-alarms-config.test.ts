// The agent's local alarms and the platform's config, end to end with a real broker and database.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { topics } from '@zonetrace/contracts'
import { provisionGateway } from '@zonetrace/db'
import { LOCAL_CONFIG_TOPIC } from '@zonetrace/edge-agent'
import mqtt from 'mqtt'
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { getZonedTestDB } from '../helpers/fixtures.ts'
import { freePort } from '../helpers/net.ts'
import { scratchDirAll } from '../helpers/scratch-dir.ts'
import { sleep } from '../helpers/wait.ts'
import { brokerOn, startTestAgent } from './agent-harness.ts'
import { recordedRuns, writeAlarmRecorder } from './alarm-recorder.ts'

const testDb = sharedFixture(getZonedTestDB)
const work = scratchDirAll('zt-agent-alarms-')

const sensors = (sensorId: string) =>
  (['dissolved_oxygen', 'ph'] as const).map((metric) => ({ sensorId, metric }))
const doReading = (sensorId: string, value: number, time = Date.now()) => ({
  sensorId,
  metric: 'dissolved_oxygen' as const,
  time,
  value,
  quality: 0 as const,
})

describe(`edge agent alarms and config (${backendName})`, () => {
  // Fault injected: no platform at all (nothing listens at the broker address). Must survive: a pond's
  // oxygen crash still raises the alarm on site (hook command run, state file 1) and the report waits in
  // the spool until the platform is back, then is delivered.
  it('raises a local alarm with no uplink and reports it once the platform is reachable', async () => {
    const gw = await provisionGateway(testDb.db, {
      id: 'gw-offline-alarm',
      zone: testDb.zone,
      sensors: sensors('gw-oa-s1'),
    })
    const port = await freePort()
    const hook = await writeAlarmRecorder(work.path)
    const record = join(work.path, 'hook-runs.jsonl')
    const state = join(work.path, 'aerator')
    const ta = await startTestAgent(
      port,
      { gatewayId: gw.gatewayId, password: gw.password },
      { alarms: { preset: 'shrimp_pond', command: [process.execPath, hook, record], file: state } },
    )
    let broker: Awaited<ReturnType<typeof brokerOn>> | undefined
    try {
      await ta.agent.sink.accept([doReading('gw-oa-s1', 1.6)])
      await expect.poll(() => readFile(state, 'utf8').catch(() => ''), { timeout: 10_000 }).toBe('1\n')
      await expect
        .poll(async () => (await recordedRuns(record)).length, { timeout: 10_000 })
        .toBeGreaterThan(0)
      const [first] = await recordedRuns(record)
      expect(first?.env).toMatchObject({
        ZT_ALARM_KIND: 'raised',
        ZT_ALARM_SENSOR: 'gw-oa-s1',
        ZT_ALARM_VALUE: '1.6',
      })
      expect(ta.agent.activeAlarms().length).toBeGreaterThan(0)
      expect(ta.agent.uplink.stats()).toMatchObject({ connected: false, alarmsSent: 0 })

      broker = await brokerOn(testDb.db, port)
      await expect.poll(() => ta.agent.uplink.stats().alarmsSent, { timeout: 20_000 }).toBeGreaterThan(0)
      await expect.poll(() => ta.agent.spool.stats().depth, { timeout: 10_000 }).toBe(0)
      const metrics = await broker.metrics.getSingleMetricAsString('zonetrace_mqtt_messages_in_total')
      expect(metrics).toMatch(/kind="alarms"\} [1-9]/)
      // Acknowledged means stored: one row per raised alarm, with the reading's value and rule.
      const stored = await testDb.db.query<{ ruleId: string; sensorId: string; kind: string; value: number }>(
        `select rule_id as "ruleId", sensor_id as "sensorId", kind, value from gateway_alarms
          where gateway_id = $1 order by rule_id`,
        [gw.gatewayId],
      )
      expect(stored).toEqual(
        ta.agent
          .activeAlarms()
          .map((a) => ({ ruleId: a.ruleId, sensorId: 'gw-oa-s1', kind: 'raised', value: 1.6 }))
          .sort((x, y) => x.ruleId.localeCompare(y.ruleId)),
      )
    } finally {
      await ta.close()
      await broker?.close()
    }
  })

  it('applies the retained config live, keeps the last good one on disk, and ignores a bad one', async () => {
    const gw = await provisionGateway(testDb.db, {
      id: 'gw-config',
      zone: testDb.zone,
      sensors: sensors('gw-cf-s1'),
    })
    const port = await freePort()
    const broker = await brokerOn(testDb.db, port)
    const dataDir = await mkdtemp(join(tmpdir(), 'zt-agent-config-'))
    const creds = { gatewayId: gw.gatewayId, password: gw.password }
    const local = { inputs: { mqtt: { port: 0 } } }
    let ta = await startTestAgent(port, creds, local, dataDir)
    try {
      // The default shrimp-pond rules do not fire at 3.8 mg/L; the officer's rule (below 4) does.
      const rules = [{ id: 'do-below-4', metric: 'dissolved_oxygen', below: 4, severity: 'critical' }]
      await broker.publish({
        topic: topics.config(gw.gatewayId),
        payload: JSON.stringify({ samplingSeconds: 120, alarmRules: rules }),
        retain: true,
        qos: 1,
      })
      // Presence: a retained online status carrying the spool's health.
      await expect
        .poll(async () => (await broker.retained(topics.status(gw.gatewayId)))[0]?.payload.toString() ?? '')
        .toContain('"state":"online"')
      const [status] = await broker.retained(topics.status(gw.gatewayId))
      const presence = JSON.parse(status!.payload.toString())
      expect(presence).toMatchObject({
        spool: expect.any(Number),
        spoolDroppedOldest: 0,
        spoolRejectedFull: 0,
      })
      // `spool` (its published name, docs/asyncapi.yaml) counts spool entries; `spoolEntries` says so.
      expect(presence.spoolEntries).toBe(presence.spool)

      const saved = join(dataDir, 'remote-config.json')
      await expect
        .poll(() => readFile(saved, 'utf8').catch(() => ''), { timeout: 10_000 })
        .toContain('do-below-4')
      await ta.agent.sink.accept([doReading('gw-cf-s1', 3.8)])
      expect(ta.agent.activeAlarms().map((a) => a.ruleId)).toEqual(['do-below-4'])

      // The LAN nodes learn the sampling interval from the agent's local broker, retained.
      const node = await mqtt.connectAsync(`mqtt://127.0.0.1:${ta.agent.inputs.localMqtt!.port}`, {
        clientId: 'node-1',
        reconnectPeriod: 0,
      })
      const announced = new Promise<string>((resolve) =>
        node.once('message', (_t, p) => resolve(p.toString())),
      )
      await node.subscribeAsync(LOCAL_CONFIG_TOPIC)
      expect(JSON.parse(await announced)).toMatchObject({ samplingSeconds: 120 })
      await node.endAsync()

      // A bad config is ignored: the last good one stays in force and on disk.
      await broker.publish({
        topic: topics.config(gw.gatewayId),
        payload: '{"alarmRules": 7}',
        retain: true,
        qos: 1,
      })
      await sleep(300)
      expect(await readFile(saved, 'utf8')).toContain('do-below-4')

      // After a restart with no platform in reach, the saved rules still apply.
      await ta.agent.close()
      await broker.close()
      ta = await startTestAgent(port, creds, local, dataDir)
      await ta.agent.sink.accept([doReading('gw-cf-s1', 3.9, Date.now() + 1000)])
      expect(ta.agent.activeAlarms().map((a) => a.ruleId)).toEqual(['do-below-4'])
    } finally {
      await ta.agent.close().catch(() => {})
      await broker.close().catch(() => {})
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
