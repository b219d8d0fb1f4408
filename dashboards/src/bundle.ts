// The islands (ADR 0010): every script in dashboards/islands/ is bundled by esbuild into dashboards/dist with
// content-hashed names and gzip and brotli copies, and a manifest says which files each island needs. The
// bundle is rebuilt only when its inputs change (the island sources and the bundled packages' versions), so
// `npm install` builds it once and a start after an edit rebuilds it in well under a second.
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { basename, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { buildServiceWorker, qrWorkerPlugin } from './bundle-workers.ts'

const HERE = dirname(fileURLToPath(import.meta.url))
export const ISLANDS_DIR = join(HERE, '..', 'islands')
export const DIST_DIR = join(HERE, '..', 'dist')
/** The workspace's service worker: not an island, built beside them (bundle-workers.ts). */
const SW_DIR = join(HERE, '..', 'islands-sw')
const MANIFEST = 'manifest.json'
/** Their versions are inputs too: an upgrade must rebuild. */
const BUNDLED_PACKAGES = ['esbuild', 'leaflet', 'lit', 'qr-scanner', 'uplot']

export interface IslandFiles {
  /** Paths relative to the dist folder. */
  js: string
  css: string[]
  /** Shared chunks the entry imports: preloaded beside it, not discovered only once it has arrived. */
  chunks?: string[]
  /** Chunks it imports only when needed (the QR decoder): not preloaded, but kept by the service worker. */
  lazy?: string[]
}

export interface IslandManifest {
  inputsHash: string
  islands: Record<string, IslandFiles>
  /** Every file of this build, chunks and compressed copies included. */
  files: string[]
}

/** Files of earlier builds are kept this long, for a process still serving pages that name them. */
const STALE_AFTER_MS = 24 * 3600_000

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile() && /\.(ts|css|json)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

async function inputsHash(): Promise<string> {
  const hash = createHash('sha256')
  for (const file of [...(await sourceFiles(ISLANDS_DIR)), ...(await sourceFiles(SW_DIR))]) {
    hash
      .update(relative(HERE, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0')
  }
  hash.update(await readFile(fileURLToPath(import.meta.url)))
  hash.update(await readFile(join(HERE, 'bundle-workers.ts')))
  for (const name of BUNDLED_PACKAGES) hash.update(`${name}@${await versionOf(name)}\0`)
  return hash.digest('hex')
}

/** Some packages (lit) do not export their package.json: find it above their entry file. */
async function versionOf(name: string): Promise<string> {
  const require = createRequire(join(HERE, '..', 'package.json'))
  let dir = dirname(require.resolve(name))
  for (;;) {
    try {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))
      if (pkg.name === name) return pkg.version
    } catch {}
    if (dirname(dir) === dir) throw new Error(`cannot find the version of ${name}`)
    dir = dirname(dir)
  }
}

async function readManifest(): Promise<IslandManifest | null> {
  try {
    return JSON.parse(await readFile(join(DIST_DIR, MANIFEST), 'utf8')) as IslandManifest
  } catch {
    return null
  }
}

/** Bundles into a private folder, then moves the files in: names carry their content hash, so a second
 *  process building at the same moment writes identical files, and the manifest goes last. */
async function bundle(hash: string): Promise<IslandManifest> {
  const entryPoints = (await readdir(ISLANDS_DIR))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(ISLANDS_DIR, f))
  const staging = join(DIST_DIR, `.staging-${process.pid}-${Date.now()}`)
  await mkdir(staging, { recursive: true })
  try {
    const result = await build({
      entryPoints,
      outdir: staging,
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      target: ['chrome100', 'firefox100', 'safari15'],
      entryNames: '[name].[hash]',
      chunkNames: 'chunk.[hash]',
      assetNames: 'asset.[hash]',
      metafile: true,
      legalComments: 'linked',
      // Leaflet's stylesheet names its control and marker images; they are copied as hashed files.
      loader: { '.png': 'file', '.svg': 'file' },
      logLevel: 'silent',
      plugins: [qrWorkerPlugin(staging, '/console/dist/')],
    })
    await buildServiceWorker(join(SW_DIR, 'sw.ts'), staging)
    const islands: Record<string, IslandFiles> = {}
    for (const [out, meta] of Object.entries(result.metafile.outputs)) {
      // Packages an island imports dynamically (qr-scanner) are entry points too, but no island of their own.
      if (!meta.entryPoint?.endsWith('.ts')) continue
      const name = basename(meta.entryPoint, '.ts')
      const chunks = meta.imports.filter((i) => i.kind === 'import-statement' && !i.external)
      islands[name] = {
        js: basename(out),
        css: meta.cssBundle ? [basename(meta.cssBundle)] : [],
        chunks: chunks.map((i) => basename(i.path)),
        lazy: lazyChunks(result.metafile.outputs, meta.imports),
      }
    }
    for (const file of await readdir(staging)) {
      const body = await readFile(join(staging, file))
      if (/\.(js|css|txt|svg)$/.test(file)) {
        await writeFile(join(staging, `${file}.gz`), gzipSync(body, { level: 9 }))
        await writeFile(
          join(staging, `${file}.br`),
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        )
      }
    }
    const files = await readdir(staging)
    for (const file of files) await rename(join(staging, file), join(DIST_DIR, file))
    const manifest: IslandManifest = { inputsHash: hash, islands, files }
    const temp = join(DIST_DIR, `.${MANIFEST}.${process.pid}`)
    await writeFile(temp, JSON.stringify(manifest, null, 2))
    await rename(temp, join(DIST_DIR, MANIFEST))
    await pruneStale(new Set(files))
    return manifest
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

type Outputs = Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>

/** What an entry imports dynamically, and everything those chunks import in turn. */
function lazyChunks(outputs: Outputs, imports: Outputs[string]['imports']): string[] {
  const found = new Set<string>()
  const visit = (path: string) => {
    if (found.has(path) || !outputs[path]) return
    found.add(path)
    for (const i of outputs[path].imports) if (!i.external) visit(i.path)
  }
  for (const i of imports) if (i.kind === 'dynamic-import' && !i.external) visit(i.path)
  return [...found].map((p) => basename(p))
}

async function pruneStale(current: Set<string>): Promise<void> {
  const cutoff = Date.now() - STALE_AFTER_MS
  for (const file of await readdir(DIST_DIR)) {
    if (current.has(file) || file === MANIFEST || file.startsWith('.')) continue
    const path = join(DIST_DIR, file)
    if ((await stat(path)).mtimeMs < cutoff) await rm(path, { force: true })
  }
}

/** The current manifest, building the islands first when they changed since the last build. */
export async function ensureIslands(): Promise<IslandManifest> {
  const hash = await inputsHash()
  const existing = await readManifest()
  if (existing?.inputsHash === hash) return existing
  await mkdir(DIST_DIR, { recursive: true })
  return bundle(hash)
}
