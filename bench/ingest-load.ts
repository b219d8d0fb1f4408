// Worker thread entry: runs the load generator (load-generator.ts) for bench:ingest and reports back.
import { parentPort, workerData } from 'node:worker_threads'
import { generateLoad, type LoadRequest } from './load-generator.ts'

export type { LoadRequest, LoadResult } from './load-generator.ts'

parentPort!.postMessage(await generateLoad(workerData as LoadRequest))
