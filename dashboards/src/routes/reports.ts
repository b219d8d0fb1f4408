// GET /console/reports (the monthly compliance report page), GET /console/reports.csv (the same rows as
// a file) and GET /console/reports.pdf (the same figures as A4 pages to file or print: a summary, then one
// page per area), for officers and admins. A month or area that cannot be read gets a 400 page saying why.
import { Type } from '@fastify/type-provider-typebox'
import type { Lang } from '@zonetrace/contracts'
import { listZones, monthlyCompliance } from '@zonetrace/db'
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../answer.ts'
import { langOf, personWith } from '../guard.ts'
import { type ReportsView, reportsMain } from '../pages/reports.ts'
import { reportsText } from '../pages/reports-text.ts'
import { currentMonth, parseMonth } from '../report-month.ts'
import { reportsCsv } from '../reports-csv.ts'
import { reportsPdf } from '../reports-pdf.ts'

const ReportsQuery = Type.Object({
  month: Type.Optional(Type.String({ maxLength: 32 })),
  area: Type.Optional(Type.String({ maxLength: 64 })),
})
type ReportsQuery = { month?: string; area?: string }

/** The view the query asks for: its rows, or the problem with the query (and no rows). */
async function reportView(fastify: FastifyInstance, lang: Lang, query: ReportsQuery): Promise<ReportsView> {
  const r = reportsText(lang)
  const zones = (await listZones(fastify.db)).map((z) => ({ code: z.code, name: z.name }))
  const monthText = query.month?.trim() || currentMonth()
  const zone = query.area?.trim() || undefined
  const month = parseMonth(monthText)
  const base = { month: monthText, zones, rows: [], ...(zone ? { zone } : {}) }
  if (!month) return { ...base, problem: r.badMonth(monthText) }
  if (zone && !zones.some((z) => z.code === zone)) return { ...base, problem: r.badArea(zone) }
  const rows = await monthlyCompliance(fastify.db, {
    from: month.from,
    to: month.to,
    ...(zone ? { zone } : {}),
  })
  return { ...base, rows }
}

function sendPage(request: FastifyRequest, reply: FastifyReply, view: ReportsView): FastifyReply {
  return answerPage(
    request,
    reply,
    (lang) => ({ title: reportsText(lang).title, section: 'reports', main: reportsMain(lang, view) }),
    view.problem ? 400 : 200,
  )
}

const reports: FastifyPluginAsync = async (fastify) => {
  const options = {
    schema: { hide: true, querystring: ReportsQuery },
    preHandler: personWith('admin', 'officer'),
  }

  fastify.get('/console/reports', options, async (request, reply) => {
    const lang = langOf(request)
    return sendPage(request, reply, await reportView(fastify, lang, request.query as ReportsQuery))
  })

  fastify.get('/console/reports.csv', options, async (request, reply) => {
    const lang = langOf(request)
    const view = await reportView(fastify, lang, request.query as ReportsQuery)
    if (view.problem) return sendPage(request, reply, view)
    const name = reportsText(lang).fileName(view.zone ? `${view.month}-${view.zone}` : view.month)
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(reportsCsv(lang, view.rows))
  })

  fastify.get('/console/reports.pdf', options, async (request, reply) => {
    const lang = langOf(request)
    const view = await reportView(fastify, lang, request.query as ReportsQuery)
    if (view.problem) return sendPage(request, reply, view)
    const name = reportsText(lang).pdfFileName(view.zone ? `${view.month}-${view.zone}` : view.month)
    const pdf = await reportsPdf({
      lang,
      month: view.month,
      rows: view.rows,
      ...(view.zone ? { zone: view.zone } : {}),
    })
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(pdf)
  })
}

export default reports
