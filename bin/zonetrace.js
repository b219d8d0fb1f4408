#!/usr/bin/env node
// The `zonetrace` command. The sources are TypeScript run directly, so tsx is registered first; paths are
// relative to this file, so it works from any directory and through the npm bin link.
import { register } from 'tsx/esm/api'

register()
await import('../cli/src/main.ts')
