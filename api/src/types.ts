import type { Config } from '@zonetrace/contracts'
import type { Capabilities, Database, ReadReplica } from '@zonetrace/db'
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify'
import type { Registry } from 'prom-client'
import type { AuthKeys } from './auth/keys.ts'
import type { Principal, TokenRole } from './auth/tokens.ts'
import type { LabelKeyring } from './labels/keyring.ts'
import type { OpenDataSource } from './open-data/source.ts'
import type { LotFactsCache } from './trace/lot-facts.ts'

/** What the API needs from the process that runs it; the caller owns the database and closes it. */
export interface AppOptions {
  /** The primary: every write, and every read that must see one (api/src/plugins/app/read-db.ts). */
  db: Database
  /** The read replica (DATABASE_READ_URL) for the reads read-db.ts routes there; the caller closes it. */
  reads?: ReadReplica | undefined
  capabilities: Capabilities
  config: Config
  keys: AuthKeys
  /** What GET /metrics serves: the broker's registry when one runs in this process, else process metrics. */
  metrics?: Registry
  /** Label signing keys; by default the keyring under config.dataDir. */
  labelKeys?: LabelKeyring
  /** `manual`: webhooks are sent only when app.webhookDispatcher.tick() is called (tests). Default `poll`. */
  webhookDispatch?: 'poll' | 'manual'
  /** Page plugins registered after the API's routes, with its decorators in scope (the console). */
  pages?: FastifyPluginAsync[]
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    db: Database
    capabilities: Capabilities
    labelKeys: LabelKeyring
    /** Lots as scans and exports show them, cached briefly; clear() after any lot write. */
    lotFacts: LotFactsCache
    /** The public areas, stations and daily water as open-data features (api/src/open-data/source.ts). */
    openData: OpenDataSource
    /** preHandler for write routes: 401 without a valid token, 403 when its role is not listed. */
    requireRole(...roles: TokenRole[]): preHandlerAsyncHookHandler
  }
  interface FastifyRequest {
    /** Set for every request by the auth plugin; `public` when no token was presented. */
    principal: Principal
  }
}
