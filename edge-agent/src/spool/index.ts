export { type FileSpoolOptions, openFileSpool } from './file-store.ts'
export { SpoolLockedError } from './lock.ts'
export type { SpoolLog } from './log.ts'
export { createMemorySpool, type MemorySpoolOptions } from './memory-store.ts'
export { RECORD_HEADER_BYTES } from './segment-format.ts'
export type { FsyncPolicy } from './segment-writer.ts'
export {
  type FullPolicy,
  type SpoolEntry,
  SpoolFullError,
  type SpoolStats,
  type SpoolStore,
} from './store.ts'
