// Writes the README's configuration table (between <!-- config:start --> and <!-- config:end -->) and
// .env.example from the variables declared in contracts/src/config/schema.ts.
//
//   npx tsx scripts/config-docs.ts           rewrite both files
//   npx tsx scripts/config-docs.ts --check   exit 1 when either is not what the schema makes
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { configDocs } from '../contracts/src/config/docs.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const check = process.argv.includes('--check')

const stale = configDocs(ROOT).filter((doc) => doc.current !== doc.expected)
for (const doc of stale) {
  if (check) console.error(`${doc.path} differs from contracts/src/config/schema.ts`)
  else {
    writeFileSync(join(ROOT, doc.path), doc.expected)
    console.log(`wrote ${doc.path}`)
  }
}
if (check && stale.length > 0) {
  console.error('run `npx tsx scripts/config-docs.ts` to regenerate')
  process.exit(1)
}
