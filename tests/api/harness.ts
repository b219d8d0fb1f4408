// One API per test file: a real database (embedded or DATABASE_URL), a seeded growing area, and signing keys
// in a temp DATA_DIR. Requests go through app.inject; server.test.ts covers the real socket.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type AppOptions,
  type AuthKeys,
  buildApp,
  createToken,
  loadOrCreateAuthKeys,
  type TokenClaims,
} from '@zonetrace/api'
import { type Config, loadConfig } from '@zonetrace/contracts'
import type { FastifyInstance } from 'fastify'
import { getTestDB, type TestDB } from '../helpers/db.ts'
import { seedZone } from '../helpers/fixtures.ts'

export interface ApiHarness {
  app: FastifyInstance
  test: TestDB
  keys: AuthKeys
  config: Config
  dataDir: string
  zone: string
  /** `{ authorization: 'Bearer …' }` for a fresh token with these claims. */
  auth(claims: TokenClaims): Promise<{ authorization: string }>
  close(): Promise<void>
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'zt-api-'))
}

/**
 * `env` adds configuration variables (RESOLVER_RATE_LIMIT, SCAN_GEO_HEADERS, …) to the harness's own;
 * `services` sets how the app runs its background services (`webhookDispatch: 'manual'` for tests that tick it).
 */
export async function startHarness(
  env: Record<string, string> = {},
  services: Pick<AppOptions, 'webhookDispatch' | 'pages'> = {},
): Promise<ApiHarness> {
  const test = await getTestDB()
  const dataDir = await makeDataDir()
  const zone = await seedZone(test.db)
  const keys = await loadOrCreateAuthKeys(dataDir)
  // No scheduler unless a test asks for one: a cron tick landing mid-test would change what it reads.
  const config = loadConfig({ DATA_DIR: dataDir, JOBS: 'off', ...env })
  const app = await buildApp({ db: test.db, capabilities: test.capabilities, config, keys, ...services })
  return {
    app,
    test,
    keys,
    config,
    dataDir,
    zone,
    auth: async (claims) => ({ authorization: `Bearer ${await createToken(keys, claims)}` }),
    async close() {
      await app.close()
      await test.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
