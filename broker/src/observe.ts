// Events observe, hooks decide (aedes docs): this only logs. Errors that a hook already logged with their
// reason are marked and skipped here, so every refusal or failed commit is one log line.
import type { EventEmitter } from 'node:events'
import type { Aedes, Client } from 'aedes'
import type { BrokerContext } from './context.ts'
import { gatewayOf } from './identity.ts'
import { isLogged } from './refusal.ts'

export function observeBroker(aedes: Aedes, ctx: BrokerContext): void {
  const log = ctx.log
  const clientFields = (client: Client | null | undefined) => ({
    gatewayId: gatewayOf(client),
    clientId: client?.id ?? undefined,
  })

  aedes.on('clientDisconnect', (client) => {
    log.info(clientFields(client), 'gateway disconnected')
  })
  aedes.on('clientError', (client, err) => {
    if (!isLogged(err)) log.info({ ...clientFields(client), reason: err.message }, 'client connection error')
  })
  aedes.on('connectionError', (client, err) => {
    if (!isLogged(err)) log.debug({ ...clientFields(client), reason: err.message }, 'connection error')
  })
  aedes.on('keepaliveTimeout', (client) => {
    log.info(clientFields(client), 'gateway keepalive timed out')
  })
  // aedes emits 'error' for persistence failures (aedes.js DoEnqueues); unheard, it would end the process.
  const emitter: EventEmitter = aedes
  emitter.on('error', (err: Error) => log.error({ err }, 'broker error'))
}
