// Entry point loaded by bin/zonetrace.js.
import { run } from './run.ts'

const code = await run(process.argv.slice(2))
process.exitCode = code
// Normally the event loop is empty by now; a library handle left open must not keep a finished CLI alive.
setTimeout(() => process.exit(code), 2000).unref()
