// What a LAN node may do on the agent's local broker. A node is its MQTT client id: it publishes SenML
// packs on zt/v1/local/{nodeId}/readings and may subscribe only under zt/v1/local/{nodeId}/ and to the
// agent's retained zt/v1/local/config.
//
// The PUBACK waits in authorizePublish, the only aedes 1.2 hook that runs before it (see the comment at
// the top of broker/src/publish/authorize-publish.ts): done() without an error acknowledges, done(err)
// closes the connection unacknowledged. So a pack is acknowledged once the spool holds its readings, and
// refused (the node keeps it and resends) when the spool says no. A malformed pack is acknowledged:
// refusing it would only make the node resend the same bad pack forever.
import { createHash, timingSafeEqual } from 'node:crypto'
import {
  isGatewayId,
  LOCAL_CONFIG_TOPIC,
  LOCAL_TOPIC_ROOT,
  localReadingsTopic,
  parseSenmlPack,
  Quality,
} from '@zonetrace/contracts'
import type { AedesOptions, AuthErrorCode, Client } from 'aedes'
import type { AgentLogger } from '../logger.ts'
import type { AgentReading, ReadingSink } from '../reading.ts'

export { LOCAL_CONFIG_TOPIC, LOCAL_TOPIC_ROOT, localReadingsTopic } from '@zonetrace/contracts'

export interface LocalMqttStats {
  connectedNodes: number
  packsAccepted: number
  readingsAccepted: number
  /** Packs acknowledged without readings: not SenML, too large, or every record bad. */
  malformedPacks: number
  /** Bad records dropped from packs whose other records were accepted. */
  rejectedRecords: number
  /** Packs the sink refused (spool full): connection closed, no PUBACK. */
  refusedPacks: number
  aclDenials: number
  authFailures: number
}

export interface NodeHookContext {
  sink: ReadingSink
  auth: { username: string; password: string } | undefined
  log: AgentLogger
  now: () => number
  maxPayloadBytes: number
  stats: Omit<LocalMqttStats, 'connectedNodes'>
  /** Accepts in progress, so close() can let their PUBACKs out first. */
  inflight: Set<Promise<unknown>>
}

type Hooks = Required<Pick<AedesOptions, 'authenticate' | 'authorizePublish' | 'authorizeSubscribe'>>

export function nodeHooks(ctx: NodeHookContext): Hooks {
  const { log, stats } = ctx
  const expected = ctx.auth && digest(ctx.auth.password)
  return {
    authenticate(client, username, password, done) {
      if (!isGatewayId(client.id)) {
        stats.authFailures++
        log.warn({ clientId: clip(client.id) }, 'local node refused: client id is not a valid node id')
        return done(refusal(2, 'client id must be a node id'), false)
      }
      const ok =
        !ctx.auth ||
        (username === ctx.auth.username && password && timingSafeEqual(digest(password), expected!))
      if (ok) return done(null, true)
      stats.authFailures++
      log.warn({ nodeId: client.id }, 'local node refused: bad username or password')
      done(refusal(4, 'bad user name or password'), false)
    },

    authorizePublish(client, packet, done) {
      const nodeId = client?.id
      if (!client || !packet.topic.startsWith(`${LOCAL_TOPIC_ROOT}/${nodeId}/`)) {
        stats.aclDenials++
        refusedPublishLog(log, nodeId, packet.topic)
        return done(new Error('publish not allowed on this topic'))
      }
      // The spool is the record; retained copies would only pile up in memory.
      packet.retain = false
      if (packet.topic !== localReadingsTopic(client.id)) return done(null)
      const readings = readingsOf(ctx, client, packet.payload)
      if (readings.length === 0) return done(null)
      const accepted = ctx.sink.accept(readings).then(
        () => {
          stats.packsAccepted++
          stats.readingsAccepted += readings.length
          done(null)
        },
        (err: unknown) => {
          stats.refusedPacks++
          log.warn({ nodeId, err: String(err) }, 'local pack refused by the spool: not acknowledged')
          done(err instanceof Error ? err : new Error(String(err)))
        },
      )
      ctx.inflight.add(accepted)
      accepted.finally(() => ctx.inflight.delete(accepted))
    },

    authorizeSubscribe(client, sub, done) {
      const own = `${LOCAL_TOPIC_ROOT}/${client.id}`
      if (sub.topic === own || sub.topic.startsWith(`${own}/`) || sub.topic === LOCAL_CONFIG_TOPIC) {
        return done(null, sub)
      }
      stats.aclDenials++
      log.warn(
        { nodeId: client.id, topic: clip(sub.topic) },
        'local subscribe refused: not under the node topic',
      )
      // Negated: SUBACK 128 and the connection stays.
      done(null, null)
    },
  }
}

/**
 * MQTT 3.1.1 has no reason code for a refused PUBLISH: the node only sees its connection drop. So when the
 * topic names another node, which is what a client started without its node id as client id does (a bare
 * `mosquitto_pub` picks a random id), the log line names the client id that would have been let in.
 */
function refusedPublishLog(log: AgentLogger, nodeId: string | undefined, topic: string): void {
  const named = topic === LOCAL_CONFIG_TOPIC ? undefined : nodeIdInTopic(topic)
  if (named !== undefined && named !== nodeId) {
    log.warn(
      { nodeId: clip(nodeId), topic: clip(topic), expectedClientId: named },
      'local publish refused: the topic names another node; connect with MQTT client id = that node id (expectedClientId)',
    )
    return
  }
  log.warn({ nodeId: clip(nodeId), topic: clip(topic) }, 'local publish refused: not under the node topic')
}

/** The `{nodeId}` of zt/v1/local/{nodeId}/…, when it is a valid node id. */
function nodeIdInTopic(topic: string): string | undefined {
  if (!topic.startsWith(`${LOCAL_TOPIC_ROOT}/`)) return undefined
  const named = topic.slice(LOCAL_TOPIC_ROOT.length + 1).split('/')[0]!
  return isGatewayId(named) ? named : undefined
}

function readingsOf(ctx: NodeHookContext, client: Client, payload: Buffer | string): AgentReading[] {
  const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length
  const parsed =
    bytes > ctx.maxPayloadBytes
      ? { ok: false as const, reason: `payload of ${bytes} bytes is over ${ctx.maxPayloadBytes}` }
      : parseSenmlPack(payload, ctx.now())
  const rejected = parsed.ok ? parsed.rejected : []
  const readings = parsed.ok
    ? parsed.readings.map((r) => ({
        sensorId: r.sensorId,
        metric: r.metric,
        time: r.time,
        value: r.value,
        quality: r.sourceQuality ?? Quality.good,
      }))
    : []
  if (readings.length === 0) ctx.stats.malformedPacks++
  else ctx.stats.rejectedRecords += rejected.length
  if (readings.length === 0 || rejected.length > 0) {
    ctx.log.warn(
      {
        nodeId: client.id,
        reason: parsed.ok ? undefined : parsed.reason,
        rejected: rejected.length,
        first: rejected.slice(0, 3),
        kept: readings.length,
      },
      'local pack with bad content: acknowledged, bad part dropped',
    )
  }
  return readings
}

function digest(secret: string | Buffer): Buffer {
  return createHash('sha256').update(secret).digest()
}

function refusal(code: 2 | 4, message: string) {
  return Object.assign(new Error(message), { returnCode: code as AuthErrorCode })
}

function clip(s: string | undefined): string | undefined {
  return s !== undefined && s.length > 128 ? `${s.slice(0, 125)}...` : s
}
