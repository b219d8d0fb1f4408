// The two scripts of the island bundle that do not run in a page: qr-scanner's decoder worker and the
// workspace's service worker. Both must come from the platform: the CSP allows workers from 'self' only, so
// the decoder qr-scanner would start from a blob: URL is written out as a file of its own, and the service
// worker keeps one stable name (sw.js) because a browser finds its updates by that URL.

import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { build, type Plugin } from 'esbuild'

export const SW_FILE = 'sw.js'
const WORKER_MODULE = /qr-scanner-worker\.min\.js$/

/**
 * qr-scanner imports its worker module only when a camera opens with no native BarcodeDetector, and that
 * module builds the worker from a blob: URL. This plugin writes the worker's code to a hashed file beside the
 * islands and gives qr-scanner a module that starts the worker from there instead.
 */
export function qrWorkerPlugin(outdir: string, publicPath: string): Plugin {
  return {
    name: 'qr-scanner-worker',
    setup(b) {
      b.onResolve({ filter: WORKER_MODULE }, (args) => ({ path: args.path, namespace: 'qr-worker' }))
      b.onLoad({ filter: /.*/, namespace: 'qr-worker' }, async () => {
        const source = await readFile(
          createRequire(import.meta.url).resolve('qr-scanner/qr-scanner-worker.min.js'),
          'utf8',
        )
        // The module is `createWorker=()=>new Worker(URL.createObjectURL(new Blob([`…`]),{type…}))`: the
        // template literal evaluates to exactly the text qr-scanner would hand the blob.
        const start = source.indexOf('new Blob([') + 'new Blob(['.length
        const end = source.lastIndexOf('`])') + 1
        if (start < 'new Blob(['.length || end < start)
          throw new Error('qr-scanner worker module changed shape')
        const code = String(new Function(`return ${source.slice(start, end)}`)())
        const file = `qr-worker.${createHash('sha256').update(code).digest('hex').slice(0, 8).toUpperCase()}.js`
        await writeFile(join(outdir, file), code)
        return {
          contents: `export const createWorker=()=>new Worker(${JSON.stringify(publicPath + file)})`,
          loader: 'js',
        }
      })
    },
  }
}

/** The workspace's service worker (dashboards/islands-sw/sw.ts) as one classic script, served at /workspace/sw.js. */
export async function buildServiceWorker(source: string, outdir: string): Promise<void> {
  await build({
    entryPoints: [source],
    outfile: join(outdir, SW_FILE),
    bundle: true,
    format: 'iife',
    minify: true,
    target: ['chrome100', 'firefox100', 'safari15'],
    logLevel: 'silent',
  })
}
