// The connections webhooks go out on. Registration refuses literal private addresses, but a name can
// resolve anywhere, and differently each time (DNS rebinding). So every connection resolves the name
// here and refuses it when any of its addresses is one webhooks may not reach; a literal address in a
// stored URL (registered while WEBHOOK_ALLOW_PRIVATE was on) is checked here as well.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { isIP, type LookupFunction } from 'node:net'
import { type BlockedKind, blockedAddressKind, kindPhrase } from '@zonetrace/db'
import { Agent, buildConnector } from 'undici'

/** Resolves a host name to all its addresses; tests inject one that answers without DNS. */
export type Resolver = (hostname: string, family: 0 | 4 | 6) => Promise<LookupAddress[]>

const systemResolver: Resolver = (hostname, family) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, family }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  )

/** A connection refused because of where it would go; `code` is what the logs show. */
class BlockedAddressError extends Error {
  readonly code = 'EWEBHOOKBLOCKED'
  constructor(hostname: string, address: string, kind: BlockedKind) {
    super(
      hostname === address
        ? `${address} is ${kindPhrase(kind)}`
        : `${hostname} resolves to ${address}, ${kindPhrase(kind)}`,
    )
    this.name = 'BlockedAddressError'
  }
}

interface EgressOptions {
  /** WEBHOOK_ALLOW_PRIVATE: connect anywhere. */
  allowPrivate: boolean
  /** Connect timeout in milliseconds. */
  timeoutMs: number
  resolve?: Resolver | undefined
}

/** The net/tls `lookup` that resolves through `resolve` and refuses a name with any blocked address. */
export function guardedLookup(resolve: Resolver, allowPrivate: boolean): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : 0
    resolve(hostname, family).then(
      (found) => {
        const addresses = family === 0 ? found : found.filter((a) => a.family === family)
        if (addresses.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`${hostname} has no address`)
          err.code = 'ENOTFOUND'
          return callback(err, '')
        }
        // Any blocked address refuses the name: net may try them all (autoSelectFamily).
        for (const { address } of allowPrivate ? [] : addresses) {
          const kind = blockedAddressKind(address)
          if (kind !== null) return callback(new BlockedAddressError(hostname, address, kind), '')
        }
        if (options.all) return callback(null, addresses)
        return callback(null, addresses[0]!.address, addresses[0]!.family)
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    )
  }
}

/** An undici Agent whose every connection goes only where webhooks may go. Close it when done. */
export function webhookAgent(opts: EgressOptions): Agent {
  const connector = buildConnector({
    lookup: guardedLookup(opts.resolve ?? systemResolver, opts.allowPrivate),
    timeout: opts.timeoutMs,
  })
  return new Agent({
    connect(options, callback) {
      // net and tls skip `lookup` for a literal address: check it here.
      const kind =
        !opts.allowPrivate && isIP(options.hostname) !== 0 ? blockedAddressKind(options.hostname) : null
      if (kind !== null) {
        return callback(new BlockedAddressError(options.hostname, options.hostname, kind), null)
      }
      return connector(options, callback)
    },
  })
}
