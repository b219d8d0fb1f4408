// A bare MQTT 3.1.1 session over a real TCP socket, for what mqtt.js will not do on request: resend a
// packet with the DUP flag and a chosen message id, drop the socket between PUBLISH and PUBACK, or
// announce a packet larger than the broker accepts.
import { connect, type Socket } from 'node:net'
import { generate, type Packet, parser } from 'mqtt-packet'

export interface RawSession {
  socket: Socket
  /** Packets received from the broker, in order. */
  received: Packet[]
  closed: Promise<void>
  send(packet: Packet): void
  /** Publishes at QoS 1 and resolves with the PUBACK for that message id. */
  publish(topic: string, payload: string | Buffer, messageId: number, dup?: boolean): Promise<void>
  waitFor(match: (p: Packet) => boolean, timeoutMs?: number): Promise<Packet>
  end(): Promise<void>
}

export async function openRawSession(
  port: number,
  creds: { username: string; password: string },
  clientId: string,
): Promise<RawSession> {
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => {})
  const received: Packet[] = []
  const waiters = new Set<() => void>()
  const incoming = parser({ protocolVersion: 4 })
  incoming.on('packet', (p) => {
    received.push(p)
    for (const w of waiters) w()
  })
  socket.on('data', (chunk) => incoming.parse(chunk))
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })

  const session: RawSession = {
    socket,
    received,
    closed,
    send: (packet) => socket.write(generate(packet)),
    waitFor(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(match)
          if (!found) return
          waiters.delete(check)
          clearTimeout(timer)
          resolve(found)
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error('no such packet from the broker in time'))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
    async publish(topic, payload, messageId, dup = false) {
      const seen = received.filter((p) => p.cmd === 'puback' && p.messageId === messageId).length
      session.send({ cmd: 'publish', topic, payload, qos: 1, messageId, dup, retain: false })
      await session.waitFor(
        () => received.filter((p) => p.cmd === 'puback' && p.messageId === messageId).length > seen,
      )
    },
    async end() {
      session.send({ cmd: 'disconnect' })
      socket.end()
      await closed
    },
  }
  session.send({
    cmd: 'connect',
    protocolId: 'MQTT',
    protocolVersion: 4,
    clean: true,
    clientId,
    keepalive: 30,
    username: creds.username,
    password: Buffer.from(creds.password),
  })
  const connack = await session.waitFor((p) => p.cmd === 'connack')
  if (connack.cmd === 'connack' && connack.returnCode !== 0) throw new Error(`CONNACK ${connack.returnCode}`)
  return session
}
