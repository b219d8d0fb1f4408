// The aedes 1.2.0 behaviour behind issue 18's phantom connections, and the workaround
// (broker/src/aedes-internals.ts, unregisterClosed): a socket that closes while aedes is still connecting it
// (here: cleanSubscriptions held, as Redis holds it during an outage) is registered anyway, and nothing
// unregisters it. https://github.com/moscajs/aedes/issues/928, https://github.com/moscajs/aedes/issues/979
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import { Aedes, type Client } from 'aedes'
import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INTERNALS, liveSessions, retainedStore, unregisterClosed } from '../../broker/src/aedes-internals.ts'

let aedes: Aedes
let server: net.Server
let port: number

beforeAll(async () => {
  aedes = await Aedes.createBroker()
  server = net.createServer((conn) => aedes.handle(conn))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise<void>((resolve) => aedes.close(() => resolve()))
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe('a connection closed while aedes connects it', () => {
  it(`is registered closed, and ${INTERNALS.unregister} removes it`, async () => {
    const persistence = retainedStore(aedes) as unknown as { cleanSubscriptions(c: Client): Promise<void> }
    const clean = persistence.cleanSubscriptions.bind(persistence)
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let reached!: () => void
    const atPersistence = new Promise<void>((resolve) => {
      reached = resolve
    })
    persistence.cleanSubscriptions = async (c) => {
      reached()
      await held
      return clean(c)
    }
    const registered = once(aedes, 'client') as Promise<[Client]>
    const probe = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
      clientId: 'phantom-probe',
      protocolVersion: 4,
      reconnectPeriod: 0,
    })
    probe.on('error', () => {})
    await atPersistence
    // The gateway gives up (its connect timeout) while the broker waits on its persistence.
    probe.stream.destroy()
    probe.end(true)
    expect(liveSessions(aedes)['phantom-probe']).toBeUndefined()
    await new Promise((r) => setTimeout(r, 100))
    release()
    const [client] = await registered
    persistence.cleanSubscriptions = clean

    // The bug: a closed client, registered and counted.
    expect(client.closed).toBe(true)
    expect(liveSessions(aedes)['phantom-probe']).toBe(client)
    expect(aedes.connectedClients).toBe(1)

    const disconnected = once(aedes, 'clientDisconnect')
    expect(unregisterClosed(aedes, client)).toBe(true)
    await disconnected
    expect(liveSessions(aedes)['phantom-probe']).toBeUndefined()
    expect(aedes.connectedClients).toBe(0)
    // Only the registered client itself is removed.
    expect(unregisterClosed(aedes, client)).toBe(false)
  })
})
