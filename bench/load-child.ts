// Child process entry: runs the load generator for bench:alerts, where the benchmark measures its own
// process's CPU and the generator must not be counted in it.
import { generateLoad, type LoadRequest } from './load-generator.ts'

process.once('message', async (req: LoadRequest) => {
  process.send!(await generateLoad(req), () => process.exit(0))
})
