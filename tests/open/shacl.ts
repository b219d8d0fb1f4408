// Validates a JSON-LD document against SHACL shapes the way a data portal's validator does: the document
// becomes RDF through `jsonld` (offline: a remote context fails), the shapes are read from Turtle files
// kept beside the tests, and nothing is inferred (no RDFS entailment), so every class a shape asks for must
// be stated.
import { readFileSync } from 'node:fs'
import jsonld from 'jsonld'
import { Parser, Store } from 'n3'
import SHACLValidator from 'rdf-validate-shacl'

export interface ShapeResult {
  severity: 'Violation' | 'Warning' | 'Info'
  focus: string
  path: string
  message: string
}

const SH = 'http://www.w3.org/ns/shacl#'

function shapesFrom(files: readonly string[]): Store {
  const store = new Store()
  for (const file of files) {
    const url = new URL(`../fixtures/${file}`, import.meta.url)
    store.addQuads(new Parser({ baseIRI: url.href }).parse(readFileSync(url, 'utf8')))
  }
  return store
}

export async function validateJsonLd(doc: object, shapeFiles: readonly string[]): Promise<ShapeResult[]> {
  const offline = async (url: string): Promise<never> => {
    throw new Error(`the document asked to load ${url}`)
  }
  const nquads = (await jsonld.toRDF(doc, {
    format: 'application/n-quads',
    documentLoader: offline,
  } as jsonld.Options.ToRdf)) as unknown as string
  const data = new Store(new Parser({ format: 'N-Quads' }).parse(nquads))
  const report = await new SHACLValidator(shapesFrom(shapeFiles)).validate(data)
  return report.results.map((r) => ({
    severity: (r.severity?.value.slice(SH.length) ?? 'Violation') as ShapeResult['severity'],
    focus: r.focusNode?.value ?? '',
    path: r.path?.value ?? '',
    message: r.message.map((m) => m.value).join('; '),
  }))
}

/** One line each, for a failure message a person can act on. */
export const describeResults = (results: readonly ShapeResult[]) =>
  results.map((r) => `${r.severity} ${r.focus} ${r.path} ${r.message}`).join('\n')
