// CONNECT: username is the gateway id, password the secret printed by `zonetrace gateway add`.
// Refusals carry the CONNACK code of MQTT 3.1.1 §3.2.2.3 (aedes copies err.returnCode into the CONNACK,
// lib/handlers/connect.js `authenticate`). The password never reaches a log line or the cache in clear.
import { isGatewayId } from '@zonetrace/contracts'
import { secretNeedsRehash, verifySecret } from '@zonetrace/db'
import type { Client } from 'aedes'
import type { BrokerContext } from '../context.ts'
import type { AuthenticateHook } from '../hooks.ts'
import { bindGateway, gatewayOf } from '../identity.ts'
import { ConnackCode, connectRefusal } from '../refusal.ts'

export function authenticateGateway(ctx: BrokerContext): AuthenticateHook {
  return function authenticate(client, username, password, done) {
    checkGateway(ctx, client, username, password).then(
      (gatewayId) => {
        bindGateway(client, gatewayId)
        ctx.presence.seen(gatewayId)
        ctx.alerts?.seen(gatewayId, Date.now())
        ctx.counters.connectsAccepted++
        ctx.log.info({ gatewayId, clientId: client.id }, 'gateway connected')
        done(null, true)
      },
      (err) => {
        ctx.counters.connectsRefused++
        done(err.returnCode ? err : refuseUnavailable(ctx, username, err), false)
      },
    )
  }
}

async function checkGateway(
  ctx: BrokerContext,
  client: Client,
  username: string | undefined,
  password: Buffer | undefined,
): Promise<string> {
  const log = ctx.log
  if (!username || !password || password.length === 0) {
    log.warn(
      { gatewayId: username || undefined, clientId: client.id },
      'connect refused: missing credentials',
    )
    throw connectRefusal(ConnackCode.notAuthorized, 'username and password are required')
  }
  const gatewayId = username
  const badCredentials = () => {
    log.warn({ gatewayId: truncate(gatewayId) }, 'connect refused: bad username or password')
    return connectRefusal(ConnackCode.badUsernameOrPassword, 'bad user name or password')
  }
  if (!isGatewayId(gatewayId)) throw badCredentials()

  const record = await ctx.directory.lookup(gatewayId)
  if (!record) throw badCredentials()
  const secret = password.toString('utf8')
  if (!ctx.directory.isVerified(gatewayId, secret)) {
    ctx.counters.secretVerifications++
    if (!(await verifySecret(secret, record.secretHash))) throw badCredentials()
    ctx.directory.rememberVerified(gatewayId, record.secretHash, secret)
  }
  // Off the CONNACK's path: the gateway is in whether or not the new hash is written.
  if (secretNeedsRehash(record.secretHash))
    ctx.directory.upgradeSecret(gatewayId, record.secretHash, secret).catch((err) => {
      log.warn({ err, gatewayId }, 'secret hash upgrade failed; the next connect tries again')
    })

  // A new connection with a live client id takes that session over [MQTT-3.1.4-2]. Between gateways that
  // would let one gateway knock another offline at will, so only the same gateway may do it.
  const holder = ctx.sessionOf(client.id)
  const holderGateway = holder && holder !== client ? gatewayOf(holder) : undefined
  if (holderGateway !== undefined && holderGateway !== gatewayId) {
    log.warn({ gatewayId, clientId: client.id, holder: holderGateway }, 'connect refused: client id in use')
    throw connectRefusal(ConnackCode.identifierRejected, 'client id is in use by another gateway')
  }
  return gatewayId
}

/** The registry could not be read: a transient server fault, not the gateway's. */
function refuseUnavailable(ctx: BrokerContext, username: string | undefined, err: unknown) {
  ctx.log.error({ err, gatewayId: username }, 'connect refused: gateway registry unavailable')
  return connectRefusal(ConnackCode.serverUnavailable, 'server unavailable')
}

function truncate(s: string): string {
  return s.length > 64 ? `${s.slice(0, 61)}...` : s
}
