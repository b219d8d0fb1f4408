// Every place the broker reaches past the typed API of aedes 1.2.0 and of its engines, in one file. Each
// accessor names the internal it reads, and tests/broker/aedes-internals.test.ts checks all of them against
// the installed packages, so an upgrade that renames or reshapes one fails that test by name instead of
// failing quietly in production (a cap no longer enforced, a takeover no longer seen).
import { EventEmitter } from 'node:events'
import type { Readable } from 'node:stream'
import type { Aedes, Client } from 'aedes'
import type mqemitterRedis from 'mqemitter-redis'

/** Names of the internals, as the test and the errors below report them. */
export const INTERNALS = {
  clients: 'Aedes.clients (aedes.js, Aedes constructor and registerClient)',
  persistence: 'Aedes.persistence.createRetainedStreamCombi (aedes.js; lib/handlers/subscribe.js)',
  emitterState: 'MQEmitterRedis.state (mqemitter-redis.js, MQEmitterRedis and onError)',
  unregister: 'Aedes.unregisterClient (aedes.js; lib/client.js close → finish)',
  parser:
    'Client._parser with _parseLength, _emitError and packet (aedes lib/client.js; mqtt-packet parser.js)',
} as const

/** aedes' live sessions by MQTT client id, the map registerClient fills and a takeover closes from. */
export function liveSessions(aedes: Aedes): Record<string, Client> {
  const clients = (aedes as unknown as { clients?: unknown }).clients
  if (clients === null || typeof clients !== 'object') throw changed(INTERNALS.clients)
  return clients as Record<string, Client>
}

/**
 * Unregisters a client aedes registered after its connection had already closed. aedes 1.2.0 registers a
 * client at the end of its connect steps (lib/handlers/connect.js: registerClient after fetchSubs,
 * restoreSubs and storeWill, which wait on Redis when clustered); a socket that closes meanwhile runs
 * close() → finish() before the client is in aedes.clients, so nothing ever unregisters it and it stays
 * counted forever (https://github.com/moscajs/aedes/issues/928, https://github.com/moscajs/aedes/issues/979).
 * Emits 'clientDisconnect' as a real unregister does.
 */
export function unregisterClosed(aedes: Aedes, client: Client): boolean {
  const unregister = (aedes as unknown as { unregisterClient?: unknown }).unregisterClient
  if (typeof unregister !== 'function') throw changed(INTERNALS.unregister)
  if (liveSessions(aedes)[client.id] !== client) return false
  unregister.call(aedes, client)
  return true
}

interface RetainedStore {
  createRetainedStreamCombi(patterns: string[]): Readable
}

/** The store SUBSCRIBE replays retained messages from: memory, or Redis when clustered. */
export function retainedStore(aedes: Aedes): RetainedStore {
  const persistence = (aedes as unknown as { persistence?: Partial<RetainedStore> }).persistence
  if (typeof persistence?.createRetainedStreamCombi !== 'function') throw changed(INTERNALS.persistence)
  return persistence as RetainedStore
}

/** Where mqemitter-redis re-emits its Redis connections' errors; an unheard 'error' there ends the process. */
export function redisEmitterState(mq: ReturnType<typeof mqemitterRedis>): EventEmitter {
  const state = (mq as unknown as { state?: unknown }).state
  if (!(state instanceof EventEmitter)) throw changed(INTERNALS.emitterState)
  return state
}

/** The parts of mqtt-packet's Parser that packet-limit.ts relies on. */
export interface PacketParser {
  packet: { cmd?: string; length: number }
  _parseLength(): boolean
  _emitError(err: Error): void
}

/**
 * The MQTT parser aedes built for this connection (`mqtt.parser()` in the Client constructor), or
 * undefined when its shape changed; the caller decides how loud to be, since it runs per connection.
 */
export function packetParserOf(client: Client): PacketParser | undefined {
  const parser = (client as unknown as { _parser?: Partial<PacketParser> })._parser
  if (!parser || typeof parser._parseLength !== 'function' || typeof parser._emitError !== 'function') {
    return undefined
  }
  return parser as PacketParser
}

function changed(internal: string): Error {
  return new Error(`aedes internals changed: ${internal} is not what broker/src/aedes-internals.ts expects`)
}
