// Material for the fuzz test: valid MQTT packets built with mqtt-packet, the ways of breaking them, and
// invalid SenML payloads. Everything is drawn from a seeded generator, so a failing seed replays exactly.
import { mulberry32 } from '@zonetrace/firmware-sim'
import { generate, type Packet } from 'mqtt-packet'

export type Random = () => number

/** The simulator's mulberry32: the same sequence for the same seed on every machine. */
export const seededRandom: (seed: number) => Random = mulberry32

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

// --- Payloads that are JSON (or nearly) and hostile to what stores them ------------------------------------
// Each takes a valid payload apart at one place: characters PostgreSQL text or jsonb cannot hold or that
// logs and terminals mishandle, numbers beyond double or int ranges, a 1 MB string, deep nesting, keys that
// would reach an object's prototype, and values of the wrong type.

/** NUL, other C0 controls, DEL, C1 controls, lone surrogates, a BOM and a noncharacter. */
export function hostileChar(rng: Random): string {
  return pick(rng, [
    '\u0000',
    String.fromCharCode(1 + int(rng, 31)),
    '\u007f',
    String.fromCharCode(0x80 + int(rng, 32)),
    '\ud800',
    '\udfff',
    '\ufeff',
    '\uffff',
  ])
}

/** `s` with hostile characters put in at random places. */
export function withHostileChars(rng: Random, s: string): string {
  const chars = [...s]
  for (let k = 1 + int(rng, 3); k > 0; k--) chars.splice(int(rng, chars.length + 1), 0, hostileChar(rng))
  return chars.join('')
}

/** Number literals JSON allows and doubles or integers cannot hold exactly, or at all. */
const HUGE_NUMBERS = [
  '1e308',
  '-1e308',
  '1.7976931348623157e308',
  '1e400',
  '-1e400',
  '5e-324',
  '1e-400',
  '-0',
  '123456789012345678901234567890',
  '9007199254740993',
  '2147483648',
]

export const ONE_MB = 1 << 20

/** A value nested `depth` levels deep, as JSON text. */
export function deepJson(depth: number, open = '[', close = ']'): string {
  return `${open.repeat(depth)}1${close.repeat(depth)}`
}

/** Bytes that are not UTF-8: a bare continuation byte, an overlong NUL, a CESU-8 surrogate, a stray 0xff. */
const BAD_UTF8 = [
  Buffer.from([0x80]),
  Buffer.from([0xc0, 0x80]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xff]),
]

/** JSON text of `value` with the string placeholder `"@@"` replaced by the raw JSON `raw`. */
function spliceRaw(value: unknown, raw: string): string {
  return JSON.stringify(value).replace('"@@"', () => raw)
}

/**
 * A mutation of a valid SenML pack (an array of records): one record or the pack changed at one place.
 * Returned as text, or as bytes when the mutation is about bytes (raw NUL, invalid UTF-8).
 */
export function mutatedSenml(rng: Random, records: Record<string, unknown>[]): string | Buffer {
  const pack = records.map((r) => ({ ...r }))
  const k = int(rng, pack.length)
  const rec = pack[k]!
  const field = () => pick(rng, ['n', 'bn', 'u', 'vs', 'bu', 'x'])
  const choices: (() => string | Buffer)[] = [
    () => {
      // Hostile characters in a name, a base name, a unit or a string value.
      const f = field()
      rec[f] = withHostileChars(rng, typeof rec[f] === 'string' ? (rec[f] as string) : 'salinity')
      return JSON.stringify(pack)
    },
    () => {
      // A hostile key.
      rec[withHostileChars(rng, 'n')] = 1
      return JSON.stringify(pack)
    },
    () => {
      rec[pick(rng, ['v', 't', 'bt', 'bv', 's'])] = '@@'
      return spliceRaw(pack, pick(rng, HUGE_NUMBERS))
    },
    () => {
      // A 1 MB string where a short one goes.
      rec[pick(rng, ['n', 'vs', 'u', 'x'])] = 'a'.repeat(ONE_MB - 64 * 1024)
      return JSON.stringify(pack)
    },
    () => {
      rec[pick(rng, ['v', 'x', 'vs'])] = '@@'
      const depth = pick(rng, [64, 1000, 5000, 20_000])
      return spliceRaw(pack, rng() < 0.5 ? deepJson(depth) : deepJson(depth, '{"a":', '}'))
    },
    () => {
      // Keys that would reach the prototype of a naively merged object.
      const key = pick(rng, ['__proto__', 'constructor', 'prototype'])
      const text = JSON.stringify(pack)
      const inner = key === '__proto__' ? '{"n":"evil:ph","v":7,"isAdmin":true}' : '{"prototype":{"x":1}}'
      return text.replace('{', () => `{"${key}":${inner},`)
    },
    () => {
      // A field of the wrong type.
      const f = pick(rng, ['v', 'n', 't', 'bt', 'bn', 'vb', 'u', 's'])
      rec[f] = pick<unknown>(rng, ['4.2', true, null, [], {}, [1, 2], { v: 1 }, 42, -1, ''])
      return JSON.stringify(pack)
    },
    () => {
      // A record that is not an object.
      ;(pack as unknown[])[k] = pick<unknown>(rng, ['record', 42, null, [], [rec], true])
      return JSON.stringify(pack)
    },
    () => {
      // A raw control byte inside a string: not JSON at all.
      const text = JSON.stringify(pack)
      const at = text.indexOf('"', 2) + 1
      return Buffer.concat([
        Buffer.from(text.slice(0, at)),
        Buffer.from([int(rng, 32)]),
        Buffer.from(text.slice(at)),
      ])
    },
    () => {
      // Bytes that are not UTF-8 inside a string.
      const text = JSON.stringify(pack)
      const at = text.indexOf(':"') + 2
      return Buffer.concat([Buffer.from(text.slice(0, at)), pick(rng, BAD_UTF8), Buffer.from(text.slice(at))])
    },
    () => {
      // The same key twice: JSON.parse keeps the last.
      const text = JSON.stringify(pack)
      return text.replace('{', () => `{"n":${JSON.stringify(withHostileChars(rng, 'x:ph'))},`)
    },
  ]
  return pick(rng, choices)()
}

/** A mutation of a gateway status object; text, or bytes when the mutation is about bytes. */
export function mutatedStatus(rng: Random, status: Record<string, unknown>): string | Buffer {
  const s: Record<string, unknown> = { ...status }
  const choices: (() => string | Buffer)[] = [
    () => {
      s.note = withHostileChars(rng, 'spool ok')
      return JSON.stringify(s)
    },
    () => {
      s[withHostileChars(rng, 'k')] = withHostileChars(rng, 'v')
      return JSON.stringify(s)
    },
    () => {
      s.nested = { deeper: [withHostileChars(rng, 'x'), { y: withHostileChars(rng, 'y') }] }
      return JSON.stringify(s)
    },
    () => {
      s[pick(rng, ['spool', 'uptime', 'x'])] = '@@'
      return spliceRaw(s, pick(rng, HUGE_NUMBERS))
    },
    // Within the 4 KiB a status may have, and far over it.
    () => JSON.stringify({ ...s, note: 'n'.repeat(3000 + int(rng, 1000)) }),
    () => JSON.stringify({ ...s, note: 'n'.repeat(ONE_MB - 64 * 1024) }),
    () => {
      s.deep = '@@'
      // ~1,900 levels fit in 4 KiB: enough to overflow PGlite's stack in jsonb.
      const depth = pick(rng, [40, 500, 1000, 1900, 5000])
      return spliceRaw(s, rng() < 0.5 ? deepJson(depth) : deepJson(Math.min(depth, 700), '{"a":', '}'))
    },
    () => JSON.stringify(s).replace('{', () => '{"__proto__":{"state":"offline","polluted":true},'),
    () => JSON.stringify(s).replace('{', () => '{"constructor":{"prototype":{"polluted":true}},'),
    () => pick(rng, ['[]', '"online"', '42', 'null', 'true', '', '{', '[{"state":"online"}]']),
    () => {
      s.state = pick<unknown>(rng, [42, null, ['online'], { online: true }, withHostileChars(rng, 'online')])
      return JSON.stringify(s)
    },
    () => {
      const text = JSON.stringify({ ...s, note: 'xx' })
      const at = text.indexOf('xx') + 1
      const bytes = rng() < 0.5 ? Buffer.from([int(rng, 32)]) : pick(rng, BAD_UTF8)
      return Buffer.concat([Buffer.from(text.slice(0, at)), bytes, Buffer.from(text.slice(at))])
    },
  ]
  return pick(rng, choices)()
}
