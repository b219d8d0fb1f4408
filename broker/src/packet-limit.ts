// The hard cap on MQTT packets (MQTT_MAX_PACKET_BYTES). aedes 1.2.0 has no such option: lib/client.js
// builds its parser as `mqtt.parser()` with no settings, and the mqtt-packet 9.0.2 parser has no maximum
// either: _parsePayload waits until the whole remaining length announced in the fixed header (up to 256 MiB
// by the variable byte integer, MQTT 3.1.1 §2.2.3) sits in its BufferList. A client announcing a huge
// packet would make the broker hold all of it. So the cap is checked where the remaining length becomes
// known, in _parseLength, before any byte of the body is kept; the connection is then closed without an
// acknowledgement. Payloads below the cap but above INGEST_MAX_PAYLOAD_BYTES are dead-lettered instead.
import type { Aedes, Client } from 'aedes'
import { INTERNALS, type PacketParser, packetParserOf } from './aedes-internals.ts'
import type { BrokerContext } from './context.ts'
import { gatewayOf } from './identity.ts'
import type { LoggedError } from './refusal.ts'

/** Wraps aedes.handle, so every transport that hands its connections to aedes gets the cap. */
export function limitPacketSize(aedes: Aedes, ctx: BrokerContext, maxBytes: number): void {
  const handle = aedes.handle
  let unsupported = false
  aedes.handle = (conn, req) => {
    const client = handle(conn, req)
    if (!capParser(client, ctx, maxBytes) && !unsupported) {
      unsupported = true
      ctx.log.error(
        { internal: INTERNALS.parser },
        'mqtt-packet parser internals changed: the MQTT_MAX_PACKET_BYTES cap is not enforced',
      )
    }
    return client
  }
}

function capParser(client: Client, ctx: BrokerContext, maxBytes: number): boolean {
  const parser = packetParserOf(client)
  if (!parser) return false
  const parseLength = parser._parseLength
  parser._parseLength = function parseLengthCapped(this: PacketParser): boolean {
    const complete = parseLength.call(this)
    if (!complete || this.packet.length <= maxBytes) return complete
    ctx.counters.packetsTooLarge++
    ctx.log.warn(
      {
        gatewayId: gatewayOf(client),
        clientId: client.id ?? undefined,
        packet: this.packet.cmd,
        bytes: this.packet.length,
        limit: maxBytes,
      },
      'mqtt packet over the hard size cap: connection closed',
    )
    const err: LoggedError = Object.assign(
      new Error(`packet of ${this.packet.length} bytes exceeds the cap`),
      {
        logged: true as const,
      },
    )
    this._emitError(err)
    return false
  }
  return true
}
