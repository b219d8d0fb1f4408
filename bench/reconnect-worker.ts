// Worker thread for bench:reconnect: holds a share of the gateways as raw MQTT 3.1.1 over net sockets
// (mqtt-packet, no mqtt.js client objects), so ten thousand connections cost the load generator little and
// the broker stays the thing measured. The parent drives it with messages; see ReconnectCommand.
import { connect, type Socket } from 'node:net'
import { parentPort, workerData } from 'node:worker_threads'
import { buildSenmlPack, topics } from '@zonetrace/contracts'
import mqttPacket from 'mqtt-packet'
import type { ReconnectCommand, ReconnectGateway, ReconnectReply, StormTimes } from './reconnect-protocol.ts'

const gateways = (workerData as { gateways: ReconnectGateway[] }).gateways
const live = new Map<number, Socket>()
const ATTEMPT_TIMEOUT_MS = 30_000

parentPort!.on('message', async (cmd: ReconnectCommand) => {
  const reply = (r: ReconnectReply) => parentPort!.postMessage(r)
  if (cmd.kind === 'connect') {
    // Initial fleet: no jitter, a bounded number in flight so the first connect is not a storm of its own.
    let next = 0
    let failed = 0
    const lane = async () => {
      while (next < gateways.length) {
        const i = next++
        if (!(await session(i, cmd.port, false))) failed++
      }
    }
    await Promise.all(Array.from({ length: cmd.inFlight }, lane))
    reply({ kind: 'connected', held: live.size, failed })
  } else if (cmd.kind === 'storm') {
    reply({ kind: 'storm', times: await storm(cmd.port, cmd.startAt, cmd.jitterMs, cmd.packTimeMs) })
  } else if (cmd.kind === 'await-drop') {
    // Answers once the broker's kill -9 has closed every socket this worker held.
    while (live.size > 0) await new Promise((r) => setTimeout(r, 20))
    reply({ kind: 'dropped' })
  } else if (cmd.kind === 'close') {
    for (const s of live.values()) s.destroy()
    live.clear()
    reply({ kind: 'closed' })
  }
})

/**
 * Every gateway comes back at startAt + its own uniform random delay, as a real backoff's jitter would,
 * then publishes one pack at QoS 1 and waits for its PUBACK. A refused or failed attempt retries after
 * another random delay, so the figures include the cost of any refusal.
 */
async function storm(port: number, startAt: number, jitterMs: number, packTimeMs: number) {
  const times: StormTimes = { connackAt: [], pubackAt: [], retries: 0, failed: 0, why: {} }
  const wait = Math.max(0, startAt - Date.now())
  await new Promise((r) => setTimeout(r, wait))
  await Promise.all(
    gateways.map(async (_, i) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        await new Promise((r) => setTimeout(r, Math.random() * jitterMs))
        const ok = await session(i, port, true, packTimeMs, times)
        if (ok) return
        times.retries++
      }
      times.failed++
    }),
  )
  return times
}

parentPort!.postMessage({ kind: 'ready' } satisfies ReconnectReply)

/** One connection: CONNECT → CONNACK, then (when publishing) PUBLISH QoS 1 → PUBACK. */
function session(
  i: number,
  port: number,
  publish: boolean,
  packTimeMs = 0,
  times?: StormTimes,
): Promise<boolean> {
  const g = gateways[i]!
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true })
    const parser = mqttPacket.parser({ protocolVersion: 4 })
    let settled = false
    const finish = (ok: boolean, why?: string) => {
      if (settled) return
      settled = true
      if (why && times) times.why[why] = (times.why[why] ?? 0) + 1
      clearTimeout(timer)
      if (!ok) socket.destroy()
      resolve(ok)
    }
    // A broker that never answers counts as a failed attempt, not a hung bench.
    const timer = setTimeout(() => finish(false, 'timeout'), ATTEMPT_TIMEOUT_MS)
    socket.on('error', (err: NodeJS.ErrnoException) => finish(false, err.code ?? 'socket error'))
    socket.on('close', () => {
      if (live.get(i) === socket) live.delete(i)
      finish(false, 'closed')
    })
    socket.on('data', (chunk) => parser.parse(chunk))
    parser.on('error', () => finish(false, 'bad packet'))
    parser.on('packet', (packet) => {
      if (packet.cmd === 'connack') {
        if (packet.returnCode !== 0) return finish(false, `CONNACK ${packet.returnCode}`)
        live.set(i, socket)
        times?.connackAt.push(Date.now())
        if (!publish) return finish(true)
        const payload = JSON.stringify(
          buildSenmlPack(g.sensorId, packTimeMs, {
            salinity: 12.4,
            ph: 7.9,
            dissolved_oxygen: 5.2,
            temperature: 29.1,
          }),
        )
        socket.write(
          mqttPacket.generate({
            cmd: 'publish',
            topic: topics.readings(g.gatewayId),
            payload,
            qos: 1,
            messageId: 1,
            retain: false,
            dup: false,
          }),
        )
      } else if (packet.cmd === 'puback') {
        times?.pubackAt.push(Date.now())
        finish(true)
      }
    })
    socket.write(
      mqttPacket.generate({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: true,
        clientId: g.gatewayId,
        keepalive: 600,
        username: g.gatewayId,
        password: Buffer.from(g.password),
        // The edge agent's will (edge-agent/src/uplink/uplink.ts), so the broker does what it does in the field.
        will: {
          topic: topics.status(g.gatewayId),
          payload: Buffer.from('{"state":"offline","reason":"will"}'),
          qos: 1,
          retain: true,
        },
      }),
    )
  })
}
