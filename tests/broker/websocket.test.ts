// MQTT over WebSocket (issue 3 item 8): the same broker, authentication, ACL and ingest as TCP, reached
// with mqtt.js over ws:// on a free port.
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { backendName } from '../helpers/db.ts'
import { grantedQos } from '../helpers/mqtt-suback.ts'
import { fixtureGateway, sharedBrokerFixture } from './broker-fixture.ts'
import { closeOf, connectGateway, countReadings, readingsTopic, refusalCode, sensorOf } from './harness.ts'

const fixture = sharedBrokerFixture({ gateways: 1, broker: { wsPort: 0 } })
const gw = fixtureGateway(fixture, 0)
const wsUrl = () => `ws://127.0.0.1:${fixture.broker.wsPort}`

function pack(sensorId: string, at: number): string {
  return JSON.stringify([
    { bn: `${sensorId}:`, bt: at },
    { n: 'salinity', u: 'ppt', v: 3.1 },
    { n: 'ph', v: 7.4 },
    { n: 'dissolved_oxygen', u: 'mg/L', v: 5.6 },
  ])
}

/** The subprotocol the server picked, or the handshake error. */
function handshake(protocols: string[]): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl(), protocols)
    ws.once('open', () => {
      resolve(ws.protocol)
      ws.close()
    })
    ws.once('error', (err) => resolve(`error: ${err.message}`))
  })
}

describe(`MQTT over WebSocket (${backendName})`, () => {
  it('listens on its own port beside TCP', () => {
    expect(fixture.broker.wsPort).toBeGreaterThan(0)
    expect(fixture.broker.wsPort).not.toBe(fixture.broker.port)
  })

  it('authenticates a gateway and stores its pack before the PUBACK', async () => {
    const client = await connectGateway(wsUrl(), gw)
    const sensor = sensorOf(gw)
    await client.publishAsync(readingsTopic(gw), pack(sensor, Math.floor(Date.now() / 1000) - 60), { qos: 1 })
    expect(await countReadings(fixture.db, sensor)).toBe(3)
    await client.endAsync()
  })

  it('refuses anonymous clients and wrong secrets as TCP does', async () => {
    expect(await refusalCode(wsUrl(), null)).toBe(5)
    expect(await refusalCode(wsUrl(), { username: gw.username, password: 'not-the-secret' })).toBe(4)
  })

  it('applies the gateway ACL: another gateway prefix is refused', async () => {
    const client = await connectGateway(wsUrl(), gw)
    expect(await grantedQos(client, 'zt/v1/gw/someone-else/config')).toEqual([128])
    const closed = closeOf(client)
    client.publish('zt/v1/gw/someone-else/readings', pack('x-s1', 1), { qos: 1 })
    await closed
    client.end(true)
  })

  it('answers with the mqtt subprotocol, and selects none for an unknown one', async () => {
    expect(await handshake(['mqtt'])).toBe('mqtt')
    expect(await handshake(['mqttv3.1'])).toBe('mqttv3.1')
    expect(await handshake(['chat'])).toMatch(/^error: .*subprotocol/i)
  })

  it('closes a connection that sends a text message [MQTT-6.0.0-1]', async () => {
    const ws = new WebSocket(wsUrl(), ['mqtt'])
    await new Promise((resolve) => ws.once('open', resolve))
    const closed = new Promise((resolve) => ws.once('close', resolve))
    ws.send('not mqtt')
    await closed
    expect(ws.readyState).toBe(WebSocket.CLOSED)
  })

  it('answers a plain HTTP request with 426 Upgrade Required', async () => {
    const res = await fetch(`http://127.0.0.1:${fixture.broker.wsPort}/`)
    expect(res.status).toBe(426)
    expect(await res.text()).toContain('mqtt')
  })
})

describe('WebSocket listener shutdown', () => {
  it('closes connected WebSocket clients and frees the port', async () => {
    const own = await fixture.startBroker({ wsPort: 0 })
    const url = `ws://127.0.0.1:${own.broker.wsPort}`
    const client = await connectGateway(url, gw)
    const idle = new WebSocket(url, ['mqtt'])
    await new Promise((resolve) => idle.once('open', resolve))
    const clientClosed = closeOf(client)
    const idleClosed = new Promise((resolve) => idle.once('close', resolve))
    await own.broker.close()
    await Promise.all([clientClosed, idleClosed])
    client.end(true)
    await expect(fetch(`http://127.0.0.1:${own.broker.wsPort}/`)).rejects.toThrow()
  })

  it('has no WebSocket listener unless asked for one', async () => {
    const own = await fixture.startBroker()
    expect(own.broker.wsPort).toBeUndefined()
    await own.broker.close()
  })
})
