// The internals the broker reads past aedes' typed API (broker/src/aedes-internals.ts), checked against the
// installed aedes, mqtt-packet and mqemitter-redis. Each test is named after the internal it checks, so an
// upgrade that changes one fails here by name. No database: a bare in-memory aedes is enough.
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import { Aedes, type Client } from 'aedes'
import { Redis } from 'ioredis'
import mqemitterRedis from 'mqemitter-redis'
import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  INTERNALS,
  liveSessions,
  packetParserOf,
  redisEmitterState,
  retainedStore,
} from '../../broker/src/aedes-internals.ts'

let aedes: Aedes
let server: net.Server
let port: number
/** The aedes Client of each raw connection, in the order they were handled. */
const handledClients: Client[] = []

beforeAll(async () => {
  aedes = await Aedes.createBroker()
  server = net.createServer((conn) => {
    handledClients.push(aedes.handle(conn))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise<void>((resolve) => aedes.close(() => resolve()))
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe('aedes internals the broker relies on', () => {
  it(INTERNALS.clients, async () => {
    const probe = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
      clientId: 'internals-probe',
      protocolVersion: 4,
      reconnectPeriod: 0,
    })
    try {
      const session = liveSessions(aedes)['internals-probe']
      expect(session?.id, `${INTERNALS.clients}: no live session under its client id`).toBe('internals-probe')
    } finally {
      await probe.endAsync()
    }
  })

  it(INTERNALS.persistence, async () => {
    await new Promise<void>((resolve, reject) =>
      aedes.publish(
        {
          cmd: 'publish',
          topic: 'internals/retained',
          payload: Buffer.from('kept'),
          qos: 0,
          retain: true,
          dup: false,
        },
        (err) => (err ? reject(err) : resolve()),
      ),
    )
    const topics: string[] = []
    for await (const packet of retainedStore(aedes).createRetainedStreamCombi(['internals/#'])) {
      topics.push((packet as { topic: string }).topic)
    }
    expect(topics, `${INTERNALS.persistence}: the retained message is not replayed`).toEqual([
      'internals/retained',
    ])
  })

  it(INTERNALS.parser, async () => {
    const raw = net.connect(port, '127.0.0.1')
    await once(raw, 'connect')
    await expect.poll(() => handledClients.length).toBeGreaterThan(0)
    const client = handledClients.at(-1)!
    const parser = packetParserOf(client)
    expect(parser, `${INTERNALS.parser}: missing or reshaped`).toBeDefined()
    // What packet-limit.ts does: wrap _parseLength on the instance, read packet.length, refuse by _emitError.
    const lengths: number[] = []
    const parseLength = parser!._parseLength
    parser!._parseLength = function probeLength() {
      const complete = parseLength.call(this)
      if (complete) {
        lengths.push(this.packet.length)
        this._emitError(new Error('probe: over the cap'))
        return false
      }
      return complete
    }
    const closed = once(raw, 'close')
    // A PUBLISH fixed header announcing 2 097 151 bytes (0xff 0xff 0x7f), and no body.
    raw.write(Buffer.from([0x30, 0xff, 0xff, 0x7f]))
    await closed
    expect(lengths, `${INTERNALS.parser}: the instance's _parseLength is not what parses the length`).toEqual(
      [2_097_151],
    )
  })

  it(INTERNALS.emitterState, () => {
    const subConn = new Redis({ lazyConnect: true })
    const pubConn = new Redis({ lazyConnect: true })
    try {
      const mq = mqemitterRedis({ subConn, pubConn })
      const heard: Error[] = []
      redisEmitterState(mq).on('error', (err: Error) => heard.push(err))
      subConn.emit('error', new Error('probe: redis unreachable'))
      expect(
        heard.map((err) => err.message),
        `${INTERNALS.emitterState}: connection errors not re-emitted`,
      ).toEqual(['probe: redis unreachable'])
    } finally {
      subConn.disconnect()
      pubConn.disconnect()
    }
  })
})
