// aedes-persistence-redis 12 ships no types. Only what cluster.ts uses: the factory (it takes ioredis
// options) and destroy(), which aedes 1.2 never calls itself.
declare module 'aedes-persistence-redis' {
  export interface AedesRedisPersistence {
    /** Without a callback it returns a promise; with one it waits for a 'ready' that aedes 1.x never emits. */
    destroy(): Promise<void>
  }
  export default function aedesPersistenceRedis(options?: object): AedesRedisPersistence
}
