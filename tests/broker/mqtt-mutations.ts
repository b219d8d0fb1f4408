// Material for the fuzz test: valid MQTT packets built with mqtt-packet, the ways of breaking them, and
// invalid SenML payloads. Everything is drawn from a seeded generator, so a failing seed replays exactly.
import { generate, type Packet } from 'mqtt-packet'

export type Random = () => number

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export const int = (rng: Random, n: number) => Math.floor(rng() * n)
export const pick = <T>(rng: Random, xs: readonly T[]): T => xs[int(rng, xs.length)]!

function randomBytes(rng: Random, n: number): Buffer {
  const b = Buffer.alloc(n)
  for (let i = 0; i < n; i++) b[i] = int(rng, 256)
  return b
}

export interface PacketContext {
  gatewayId: string
  password: string
  /** A valid readings pack of this gateway. */
  pack: string
}

/** Valid packets of every kind a client could send, and a few only a server should. */
export function validPackets(rng: Random, c: PacketContext): Packet[] {
  const id = 1 + int(rng, 65_535)
  const own = `zt/v1/gw/${c.gatewayId}`
  return [
    { cmd: 'connect', clientId: c.gatewayId, username: c.gatewayId, password: Buffer.from(c.password) },
    {
      cmd: 'connect',
      clientId: `x${id}`,
      protocolVersion: 5,
      username: 'nobody',
      password: Buffer.from('x'),
    },
    {
      cmd: 'connect',
      clientId: c.gatewayId,
      keepalive: int(rng, 5),
      will: { topic: `${own}/status`, payload: '{"state":"offline"}', qos: 1, retain: true },
    },
    {
      cmd: 'publish',
      topic: `${own}/readings`,
      payload: c.pack,
      qos: 1,
      messageId: id,
      retain: false,
      dup: false,
    },
    { cmd: 'publish', topic: `${own}/readings`, payload: c.pack, qos: 0, retain: false, dup: false },
    {
      cmd: 'publish',
      topic: `${own}/readings`,
      payload: c.pack,
      qos: 2,
      messageId: id,
      retain: true,
      dup: true,
    },
    {
      cmd: 'publish',
      topic: 'zt/v1/gw/someone-else/readings',
      payload: c.pack,
      qos: 1,
      messageId: id,
      retain: false,
      dup: false,
    },
    { cmd: 'publish', topic: '$SYS/x', payload: 'x', qos: 0, retain: false, dup: false },
    { cmd: 'subscribe', messageId: id, subscriptions: [{ topic: `${own}/config`, qos: 1 }] },
    {
      cmd: 'subscribe',
      messageId: id,
      subscriptions: [
        { topic: '#', qos: 2 },
        { topic: 'zt/+/gw/+/readings', qos: 0 },
      ],
    },
    { cmd: 'unsubscribe', messageId: id, unsubscriptions: [`${own}/config`, '#'] },
    { cmd: 'pingreq' },
    { cmd: 'pingresp' },
    { cmd: 'puback', messageId: id },
    { cmd: 'pubrec', messageId: id },
    { cmd: 'pubrel', messageId: id },
    { cmd: 'pubcomp', messageId: id },
    { cmd: 'connack', returnCode: 0, sessionPresent: false },
    { cmd: 'suback', messageId: id, granted: [0, 1, 128] },
    { cmd: 'unsuback', messageId: id, granted: [] },
    { cmd: 'disconnect' },
  ]
}

/** Where the remaining-length field of a generated packet ends (1 to 4 bytes after the first). */
function bodyStart(buf: Buffer): number {
  let i = 1
  while (i < buf.length && i < 5 && (buf[i]! & 0x80) !== 0) i++
  return i + 1
}

const MUTATIONS: ((rng: Random, b: Buffer) => Buffer)[] = [
  function flipBytes(rng, b) {
    const out = Buffer.from(b)
    for (let k = 1 + int(rng, 4); k > 0; k--) out[int(rng, out.length)]! ^= 1 + int(rng, 255)
    return out
  },
  (rng, b) => b.subarray(0, int(rng, b.length)),
  (_rng, b) => Buffer.concat([b, b]),
  function oversizeLength(rng, b) {
    // 268,435,455 bytes announced, or a five-byte length, which the spec forbids.
    const length = rng() < 0.5 ? [0xff, 0xff, 0xff, 0x7f] : [0xff, 0xff, 0xff, 0xff, 0x7f]
    return Buffer.concat([b.subarray(0, 1), Buffer.from(length), b.subarray(bodyStart(b))])
  },
  function lieAboutLength(rng, b) {
    const out = Buffer.from(b)
    if (out.length > 1) out[1] = int(rng, 128)
    return out
  },
  function badFirstByte(rng, b) {
    const out = Buffer.from(b)
    out[0] = int(rng, 256)
    return out
  },
  function insertOrDelete(rng, b) {
    const at = int(rng, b.length)
    return rng() < 0.5
      ? Buffer.concat([b.subarray(0, at), randomBytes(rng, 1 + int(rng, 8)), b.subarray(at)])
      : Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(rng, 8))])
  },
  (rng) => randomBytes(rng, 1 + int(rng, 512)),
]

/** One broken packet: a valid one put through one or two mutations. */
export function mutatedPacket(rng: Random, c: PacketContext): Buffer {
  let b = generate(pick(rng, validPackets(rng, c)), { protocolVersion: 4 })
  for (let k = 1 + int(rng, 2); k > 0; k--) b = pick(rng, MUTATIONS)(rng, b)
  return b
}

/** Payloads on a gateway's own readings topic that are not a storable pack of its own. */
export function invalidSenml(rng: Random, validPack: string, foreignSensor: string): string | Buffer {
  const now = Math.floor(Date.now() / 1000)
  const choices: (() => string | Buffer)[] = [
    () => randomBytes(rng, int(rng, 300)),
    () => validPack.slice(0, int(rng, validPack.length)),
    () => {
      const chars = [...validPack]
      for (let k = 1 + int(rng, 3); k > 0; k--)
        chars[int(rng, chars.length)] = String.fromCharCode(int(rng, 128))
      return chars.join('')
    },
    () => pick(rng, ['null', '{}', '[]', '42', '"x"', 'true', '[[[[[[[[[[]]]]]]]]]]', '[null]', '[1,2,3]']),
    () => JSON.stringify([{ bn: `${foreignSensor}:`, bt: now, n: 'salinity', v: 4.2 }]),
    // 1e400 is valid JSON that parses to Infinity.
    () => `[{"n":"${foreignSensor}:ph","v":1e400},{"n":"salinity","v":"NaN"}]`,
    () =>
      JSON.stringify([
        { bn: 'no-colon', v: 1 },
        { n: ':', v: 2 },
        { n: 'x:nonsense_metric', v: 3 },
      ]),
    () => JSON.stringify([{ bt: now + 10 * 365 * 86_400, n: `${foreignSensor}:ph`, v: 7 }]),
    () =>
      JSON.stringify([
        { bt: -1e300, n: 'a:ph', v: 7 },
        { t: 'yesterday', n: 'a:ph', v: 7 },
      ]),
    () => `[${'{"n":"a:ph","v":1},'.repeat(5000)}{}]`,
    () =>
      JSON.stringify(
        Array.from({ length: 20 }, () => ({ [pick(rng, ['bn', 'n', 'v', 'u', 't', 'bt', 'vs'])]: rng() })),
      ),
    () => '\u0000\uffff\ud800',
  ]
  return pick(rng, choices)()
}
