// Several broker processes behind one TCP load balancer, sharing one Redis (docs/scale-out.md). aedes does
// the clustering itself once its two engines are Redis-backed: mqemitter-redis fans every accepted publish
// out to all brokers (and carries aedes' $SYS client takeover notices), and aedes-persistence-redis holds
// the subscriptions, retained messages, sessions, wills and offline QoS 1 queues. Readings are never kept
// in it: the broker that receives a pack commits it to the database before acknowledging, as without Redis.
import aedesPersistenceRedis, { type AedesRedisPersistence } from 'aedes-persistence-redis'
import { Redis } from 'ioredis'
import mqemitterRedis from 'mqemitter-redis'
import type { Logger } from 'pino'
import { redisEmitterState } from './aedes-internals.ts'

export interface RedisEngines {
  /** aedes' `mq` option. */
  mq: ReturnType<typeof mqemitterRedis>
  /** aedes' `persistence` option. */
  persistence: AedesRedisPersistence
  /**
   * Runs closeAedes (aedes.close(), which QUITs the emitter's connections), then drops every connection.
   * With Redis unreachable that close may never finish, so it is given up after a grace period.
   */
  close(closeAedes: () => Promise<void>): Promise<void>
}

const CONNECT_TIMEOUT_MS = 10_000
const CLOSE_GRACE_MS = 3_000

/** Connects to Redis; rejects when it does not answer within the timeout, leaving nothing open. */
export async function connectRedisEngines(
  redisUrl: string,
  log: Logger,
  timeoutMs = CONNECT_TIMEOUT_MS,
): Promise<RedisEngines> {
  const options = redisOptions(redisUrl)
  const where = `${options.host}:${options.port}`
  // Three connections, all ours: mqemitter-redis needs one for SUBSCRIBE and one for PUBLISH, the
  // persistence one for commands. Owning them is what lets us log their errors (an ioredis connection with
  // no 'error' listener prints every failed reconnect to stderr) and drop them when Redis is gone.
  const connections = [new Redis(options), new Redis(options), new Redis(options)] as const
  let down = false
  for (const conn of connections) {
    conn.on('error', (err: Error) => {
      if (!down) log.warn({ redis: where, reason: err.message }, 'redis unreachable: retrying')
      down = true
    })
    conn.on('ready', () => {
      if (down) log.info({ redis: where }, 'redis reachable again')
      down = false
    })
  }
  for (const conn of connections) quitQuietly(conn)
  const dropAll = () => {
    for (const conn of connections) conn.disconnect()
  }

  try {
    await Promise.all(connections.map((conn) => ready(conn, timeoutMs)))
  } catch (err) {
    dropAll()
    throw new Error(`redis at ${where} did not answer within ${timeoutMs} ms (REDIS_URL)`, { cause: err })
  }
  const [subConn, pubConn, conn] = connections
  const mq = mqemitterRedis({ subConn, pubConn })
  // mqemitter-redis re-emits its connections' errors on `state` (mqemitter-redis.js, onError), where an
  // 'error' nobody listens to would end the process. They are logged above, once per outage.
  redisEmitterState(mq).on('error', () => {})
  const persistence = aedesPersistenceRedis({ conn })
  log.info({ redis: where }, 'clustered over redis')

  let closing: Promise<void> | null = null
  return {
    mq,
    persistence,
    close(closeAedes) {
      closing ??= (async () => {
        // A reconnecting ioredis connection never emits the 'end' that mqemitter-redis' close waits for,
        // so with Redis unreachable aedes.close() would never call back: stop waiting rather than hang.
        if (await settlesWithin(closeAedes(), CLOSE_GRACE_MS)) {
          // QUIT rather than persistence.destroy(), which disconnects at once: aedes-persistence-redis
          // sends some commands without waiting for them (delWill's LREM), and a disconnect would reject
          // them with nobody listening. QUIT lets Redis answer what was sent before it.
          const quit = conn.quit().then(
            () => {},
            () => {},
          )
          await settlesWithin(quit, CLOSE_GRACE_MS)
        } else {
          log.warn({ redis: where }, 'redis did not answer while closing: connections dropped')
        }
        dropAll()
      })()
      return closing
    },
  }
}

/**
 * mqemitter-redis' close() calls quit() on its connections and drops the promise (mqemitter-redis.js,
 * close). When a publish is still written behind the QUIT, Redis has already closed the socket (EPIPE),
 * the QUIT is rejected, and a rejection nobody handles ends the process. Here it is expected and harmless.
 */
function quitQuietly(conn: Redis): void {
  const quit = conn.quit.bind(conn)
  conn.quit = ((callback?: Parameters<Redis['quit']>[0]) => {
    const done = quit(callback)
    done.catch(() => {})
    return done
  }) as Redis['quit']
}

/** True when work settled in time; it is left running otherwise. */
async function settlesWithin(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  const settled = await Promise.race([work.then(() => true as const), late])
  clearTimeout(timer)
  return settled
}

function ready(conn: Redis, timeoutMs: number): Promise<void> {
  if (conn.status === 'ready') return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timeout')), timeoutMs)
    conn.once('ready', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

interface RedisOptions {
  host: string
  port: number
  username?: string
  password?: string
  db?: number
  tls?: object
  connectionName: string
}

/** ioredis options from `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS. */
function redisOptions(redisUrl: string): RedisOptions {
  let url: URL
  try {
    url = new URL(redisUrl)
  } catch {
    throw new Error('REDIS_URL is not a URL: expected redis://host:port or rediss://host:port')
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss://, got ${url.protocol}//`)
  }
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined
  if (db !== undefined && !(Number.isInteger(db) && db >= 0)) {
    throw new Error(`REDIS_URL database must be a number, got "${url.pathname.slice(1)}"`)
  }
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db !== undefined ? { db } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    // Names this process in Redis' CLIENT LIST.
    connectionName: 'zonetrace-broker',
  }
}
