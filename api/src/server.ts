// Builds the Fastify instance around the app plugin, and runs it on a port for the CLI.
import type { AddressInfo } from 'node:net'
import { LOG_REDACT_PATHS, logSafeError } from '@zonetrace/db'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import zonetraceApp from './app.ts'
import { schemaErrorFormatter } from './input/error-messages.ts'
import { addTextKeyword } from './input/text-keyword.ts'
import type { AppOptions } from './types.ts'

export type LoggerOption = FastifyServerOptions['logger']

export interface RunningApi {
  url: string
  app: FastifyInstance
  /** Stops accepting connections and waits for requests in flight; safe to call twice. */
  close(): Promise<void>
}

// Credentials and values never reach a log line, and errors are logged by what failed, not by the
// values a failed statement carried (db/src/log-safe-error.ts).
const REDACT = LOG_REDACT_PATHS
const SERIALIZERS = { err: logSafeError, error: logSafeError }

/** Ready to serve but not listening: tests call app.inject. */
export async function buildApp(opts: AppOptions & { logger?: LoggerOption }): Promise<FastifyInstance> {
  const { logger, ...appOpts } = opts
  const app = Fastify({
    logger: loggerOptions(logger, opts.config.logLevel),
    trustProxy: trustProxyOption(opts.config.resolver.trustProxy),
    // The text rule every request string is held to (api/src/input/).
    ajv: { plugins: [addTextKeyword] },
    schemaErrorFormatter,
  })
  try {
    await app.register(fp(zonetraceApp, { name: 'zonetrace' }), appOpts)
    await app.ready()
  } catch (err) {
    await app.close()
    throw err
  }
  return app
}

export async function startApi(
  opts: AppOptions & { port: number; host?: string; logger?: LoggerOption },
): Promise<RunningApi> {
  const { port, host = opts.config.host, logger = true, ...appOpts } = opts
  const app = await buildApp({ ...appOpts, logger })
  try {
    await app.listen({ port, host })
  } catch (err) {
    await app.close()
    throw err
  }
  const { port: bound } = app.server.address() as AddressInfo
  let closing: Promise<void> | undefined
  return {
    url: `http://${urlHost(host)}:${bound}`,
    app,
    close: () => {
      closing ??= app.close().then(() => undefined)
      return closing
    },
  }
}

function loggerOptions(logger: LoggerOption, level: string): LoggerOption {
  if (!logger) return false
  const given = logger === true ? {} : logger
  const paths = Array.isArray(given.redact) ? given.redact : (given.redact?.paths ?? [])
  const redact = Array.isArray(given.redact) || !given.redact ? {} : given.redact
  return {
    level,
    ...given,
    serializers: { ...given.serializers, ...SERIALIZERS },
    redact: { ...redact, paths: [...new Set([...paths, ...REDACT])] },
  }
}

// A hop count trusts that many proxies nearest to us, whatever their addresses.
function trustProxyOption(
  setting: boolean | number | string,
): boolean | string | ((addr: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_addr, hop) => hop < setting : setting
}

// A wildcard listen address is not something a client can dial.
function urlHost(host: string): string {
  if (host === '' || host === '0.0.0.0') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}
