// Text that goes into printed SVG. Product names come from cooperatives, so anything may arrive: markup,
// control characters that XML 1.0 forbids outright (one would make the whole sheet unreadable), or a name
// too long for the label. Everything is made well-formed here, once.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

/** Escapes the five XML specials, so the result is safe as element text and inside either quote style. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch)
}

/**
 * One printable line: NFC (so a decomposed "ế" counts and renders as one letter), whitespace collapsed,
 * and characters XML 1.0 §2.2 does not allow (C0 controls, lone surrogates, U+FFFE/U+FFFF) dropped.
 */
export function printableLine(text: string): string {
  let out = ''
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0
    if (cp === 0x09 || cp === 0x0a || cp === 0x0d) out += ' '
    else if (cp >= 0x20 && !(cp >= 0xd800 && cp <= 0xdfff) && cp !== 0xfffe && cp !== 0xffff) out += ch
  }
  return out.replace(/\s+/g, ' ').trim()
}

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' })

/** Cuts to at most `max` visible characters, ending with "…" when cut; never splits a letter from its marks. */
export function truncate(text: string, max: number): string {
  const parts = Array.from(graphemes.segment(text), (s) => s.segment)
  if (parts.length <= max) return text
  return `${parts
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`
}

/**
 * How many characters fit in `widthMm` at `fontMm`. The printer picks the font, so there are no metrics
 * to measure with: we assume a deliberately wide average advance (0.6 em), so a long name is cut a little
 * early rather than running into the next label.
 */
export function charsThatFit(widthMm: number, fontMm: number, emPerChar = 0.6): number {
  return Math.max(1, Math.floor(widthMm / (fontMm * emPerChar)))
}
