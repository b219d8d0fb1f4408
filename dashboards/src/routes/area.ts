// GET /console/areas/:code: one growing area for officers and admins, its facts, sensors and charts. An
// unknown code is a 404 page (never JSON or a 500); an unknown ?range= shows the default range and says so
// (200: an old link), and a refused custom span of days is a 400 page with the form kept and the reason.
import { Type } from '@fastify/type-provider-typebox'
import { html } from '@zonetrace/api'
import { areaAlertMarks, areaChannels, areaFacts, getZoneThresholds } from '@zonetrace/db'
import type { FastifyPluginAsync } from 'fastify'
import { answerPage } from '../answer.ts'
import { channelCharts } from '../area/charts.ts'
import { parseRange } from '../area/range.ts'
import { personWith } from '../guard.ts'
import { chartsSection } from '../pages/area-charts.ts'
import { factsSection, sensorsSection } from '../pages/area-facts.ts'
import { areaText } from '../pages/area-text.ts'

// Loose on purpose: a mistyped code or range must reach the handler and get a page, not a JSON 400.
const Params = Type.Object({ code: Type.String() })
const Query = Type.Object({
  range: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
})

/** Longer than any area code the registry accepts: no need to ask the database. */
const MAX_CODE = 64

const area: FastifyPluginAsync = async (fastify) => {
  fastify.get(
    '/console/areas/:code',
    {
      schema: { hide: true, params: Params, querystring: Query },
      preHandler: personWith('officer', 'admin'),
    },
    async (request, reply) => {
      const { code } = request.params as { code: string }
      const facts = code.length <= MAX_CODE ? await areaFacts(fastify.db, code) : null
      if (!facts) {
        return answerPage(
          request,
          reply,
          (lang) => {
            const a = areaText(lang)
            return {
              title: a.notFoundTitle,
              section: 'areas',
              main: html`<h1>${a.notFoundTitle}</h1><p class="lead">${a.notFound(code)}</p><p><a href="/console">${a.backToAreas}</a></p>`,
            }
          },
          404,
        )
      }
      const now = new Date()
      const parsed = parseRange(request.query as Record<string, string | undefined>, now)
      const range = parsed.window
      const [thresholds, channels, marks] = await Promise.all([
        getZoneThresholds(fastify.db, code),
        areaChannels(fastify.db, code),
        areaAlertMarks(fastify.db, code, range.from, range.to),
      ])
      const charts = await channelCharts(fastify.db, channels, thresholds, range)
      const drawn = charts.some((c) => (c.metric?.series.length ?? 0) > 0)
      const refused = parsed.problem !== null && parsed.problem !== 'unknown'
      return answerPage(
        request,
        reply,
        (lang) => ({
          title: `${facts.area.code} · ${facts.area.name}`,
          section: 'areas',
          islands: drawn ? ['sensor-chart'] : [],
          main: html`<p><a href="/console">${areaText(lang).backToAreas}</a></p><h1>${facts.area.code} · ${facts.area.name}</h1>${factsSection(
            lang,
            facts,
            thresholds,
            now,
          )}${sensorsSection(lang, channels, now)}${chartsSection(lang, code, charts, marks, parsed, now)}`,
        }),
        refused ? 400 : 200,
      )
    },
  )
}

export default area
