// Every value that reaches the consumer page is someone's input (a cooperative's product name, an event
// note, a recall reason), and the page is public. So markup is built only through the `html` tag, which
// escapes each interpolated value unless it is already Markup made by the tag itself: forgetting to escape
// is impossible rather than merely unlikely.

/** A fragment of trusted HTML, produced only by `html` or `raw`. */
export class Markup {
  readonly html: string
  constructor(html: string) {
    this.html = html
  }
  toString(): string {
    return this.html
  }
}

type Interpolated = Markup | string | number | null | undefined | false | readonly Interpolated[]

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
}

/** Escapes for both text and quoted attribute values. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c)
}

function render(value: Interpolated): string {
  if (value instanceof Markup) return value.html
  if (value === null || value === undefined || value === false) return ''
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}

/** Tagged template: literal parts are trusted, every `${value}` is escaped (arrays are joined). */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Markup {
  let out = strings[0] ?? ''
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '')
  return new Markup(out)
}

/** Markup the page builds itself from numbers only (SVG path data, CSS); never pass user input here. */
export function raw(trusted: string): Markup {
  return new Markup(trusted)
}

/** Links the page prints: http(s) or a relative path, so a bad link can never become `javascript:`. */
export function safeHref(url: string): string {
  return /^(https?:\/\/|\/(?!\/)|\?)/i.test(url) ? url : '#'
}
