// `npm install` runs this (postinstall) so the first start serves a ready bundle; a start rebuilds it
// anyway when the island sources changed.
import { DIST_DIR, ensureIslands } from './src/bundle.ts'

const manifest = await ensureIslands()
console.log(`islands: ${Object.keys(manifest.islands).join(', ') || 'none'} in ${DIST_DIR}`)
