// The font of the PDF sheets: Be Vietnam Pro, a face drawn for Vietnamese, from the @fontsource/be-vietnam-pro
// package, so no system font is assumed. Fontsource ships each weight cut into subsets (latin, latin-ext,
// vietnamese), the way browsers load it: a file per subset, and a stylesheet giving each file's
// unicode-range. "Dừa sáp" needs two of them (ừ is in vietnamese, á in latin), so text is split into runs,
// each set in the first subset whose unicode-range holds its characters, as a browser picks @font-face rules.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export type FontWeight = 400 | 700

export interface FontFace {
  /** Name to register with PDFKit. */
  name: string
  data: Buffer
  ranges: [number, number][]
}

const PACKAGE = '@fontsource/be-vietnam-pro'
const FACE = /@font-face\s*{([^}]*)}/g
const WOFF = /url\(\.\/files\/([\w.-]+\.woff)\)/
const RANGE = /unicode-range:\s*([^;]+);/

const loaded = new Map<FontWeight, FontFace[]>()

/** The subsets of one weight, in the order a browser tries them (CSS Fonts 4: the last rule first). */
export function fontFaces(weight: FontWeight): FontFace[] {
  const known = loaded.get(weight)
  if (known) return known
  const require = createRequire(import.meta.url)
  const css = require.resolve(`${PACKAGE}/${weight}.css`)
  const faces: FontFace[] = []
  for (const [, body = ''] of readFileSync(css, 'utf8').matchAll(FACE)) {
    const file = WOFF.exec(body)?.[1]
    const range = RANGE.exec(body)?.[1]
    if (!file || !range) continue
    faces.push({
      name: `${file.replace(/\.woff$/, '')}`,
      data: readFileSync(join(dirname(css), 'files', file)),
      ranges: range.split(',').map(parseRange),
    })
  }
  if (faces.length === 0) throw new Error(`no @font-face with a WOFF file and a unicode-range in ${css}`)
  faces.reverse()
  loaded.set(weight, faces)
  return faces
}

/**
 * `text` cut into runs of one face each. A character no subset holds (an emoji in a product name) stays in
 * the run before it: the face draws its "missing" box, the rest of the line is unaffected.
 */
export function fontRuns(text: string, faces: FontFace[]): { face: FontFace; text: string }[] {
  const runs: { face: FontFace; text: string }[] = []
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    const face =
      faces.find((f) => f.ranges.some(([lo, hi]) => cp >= lo && cp <= hi)) ?? runs.at(-1)?.face ?? faces[0]!
    const last = runs.at(-1)
    if (last && last.face === face) last.text += ch
    else runs.push({ face, text: ch })
  }
  return runs
}

function parseRange(part: string): [number, number] {
  const m = /U\+([0-9A-F]+)(?:-([0-9A-F]+))?/i.exec(part.trim())
  if (!m) throw new Error(`unreadable unicode-range "${part}" in ${PACKAGE}`)
  const lo = Number.parseInt(m[1]!, 16)
  return [lo, m[2] ? Number.parseInt(m[2], 16) : lo]
}
