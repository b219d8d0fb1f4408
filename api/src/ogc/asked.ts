// What a request to /ogc asks: its query as single strings (repeats, unknown names, a bad `f` or `lang`
// refused, as the standard wants a 400 rather than a silently wider answer), the format and language of
// the answer, and a collection's property filters.
import type { FastifyRequest } from 'fastify'
import type { Lang } from '../resolver/page/i18n.ts'
import type { Collection } from './collections.ts'
import type * as views from './html.ts'
import { urlOf } from './links.ts'
import { chooseFormat, type Format, ParameterError } from './params.ts'

type Query = Record<string, string | string[] | undefined>

export const COMMON = ['f', 'lang'] as const
export const ITEMS_PARAMS = ['limit', 'bbox', 'bbox-crs', 'datetime', 'cursor', ...COMMON] as const

export interface Asked {
  format: Format
  lang: Lang
  query: Record<string, string>
}

/** The query as single strings, refusing repeats, unknown names and a bad `f` or `lang`. */
export function ask(request: FastifyRequest, allowed: readonly string[]): Asked {
  const raw = request.query as Query
  const query: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (!allowed.includes(name)) {
      throw new ParameterError(
        `unknown parameter "${name.slice(0, 40)}"; this resource takes ${allowed.join(', ')}`,
      )
    }
    if (Array.isArray(value)) throw new ParameterError(`${name} is given more than once`)
    if (value !== undefined) query[name] = value
  }
  if (query.lang !== undefined && query.lang !== 'vi' && query.lang !== 'en') {
    throw new ParameterError('lang must be vi or en')
  }
  return { format: chooseFormat(query.f, request.headers.accept), lang: (query.lang ?? 'vi') as Lang, query }
}

export function viewOf(request: FastifyRequest, path: string, asked: Asked): views.View {
  const other = asked.lang === 'vi' ? 'en' : 'vi'
  return {
    lang: asked.lang,
    otherLangHref: urlOf(request, path, { ...asked.query, f: 'html', lang: other }),
    jsonHref: urlOf(request, path, { ...asked.query, f: 'json', lang: undefined }),
    ogcRoot: urlOf(request, '/ogc'),
  }
}

/** The collection's property filters the query names, each checked against its allowed values. */
export function filtersOf(c: Collection, query: Record<string, string>): Record<string, string> {
  const filters: Record<string, string> = {}
  for (const [name, filter] of Object.entries(c.filters)) {
    const value = query[name]
    if (value === undefined) continue
    if (value.length > 200) throw new ParameterError(`${name} is longer than 200 characters`)
    if (filter.values && !filter.values.includes(value)) {
      throw new ParameterError(`${name} must be one of ${filter.values.join(', ')}`)
    }
    filters[name] = value
  }
  return filters
}
