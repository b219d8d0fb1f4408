// GET /console/areas/:code: one growing area for officers and admins, its facts, sensors and charts. An
// unknown code is a 404 page (never JSON or a 500); a bad ?range= shows the default range and says so.
import { Type } from '@fastify/type-provider-typebox'
import { html } from '@zonetrace/api'
import { areaAlertMarks, areaChannels, areaFacts, getZoneThresholds } from '@zonetrace/db'
import type { FastifyPluginAsync } from 'fastify'
import { channelCharts } from '../area/charts.ts'
import { DEFAULT_RANGE, isRangeId, rangeWindow } from '../area/range.ts'
import { langOf, personWith } from '../guard.ts'
import { renderPage, sendConsolePage } from '../layout.ts'
import { chartsSection } from '../pages/area-charts.ts'
import { factsSection, sensorsSection } from '../pages/area-facts.ts'
import { areaText } from '../pages/area-text.ts'

// Loose on purpose: a mistyped code or range must reach the handler and get a page, not a JSON 400.
const Params = Type.Object({ code: Type.String() })
const Query = Type.Object({ range: Type.Optional(Type.String()) })

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
      const { range: asked } = request.query as { range?: string }
      const lang = langOf(request)
      const a = areaText(lang)
      const facts = code.length <= MAX_CODE ? await areaFacts(fastify.db, code) : null
      if (!facts) {
        const page = renderPage({
          lang,
          title: a.notFoundTitle,
          section: 'areas',
          user: request.user,
          csrfToken: reply.csrfToken(),
          main: html`<h1>${a.notFoundTitle}</h1><p class="lead">${a.notFound(code)}</p><p><a href="/console">${a.backToAreas}</a></p>`,
        })
        return sendConsolePage(reply, page, 404)
      }
      const now = new Date()
      const badRange = asked !== undefined && !isRangeId(asked)
      const range = rangeWindow(isRangeId(asked) ? asked : DEFAULT_RANGE, now)
      const [thresholds, channels, marks] = await Promise.all([
        getZoneThresholds(fastify.db, code),
        areaChannels(fastify.db, code),
        areaAlertMarks(fastify.db, code, range.from, range.to),
      ])
      const charts = await channelCharts(fastify.db, channels, thresholds, range)
      const page = renderPage({
        lang,
        title: `${facts.area.code} · ${facts.area.name}`,
        section: 'areas',
        user: request.user,
        csrfToken: reply.csrfToken(),
        main: html`<p><a href="/console">${a.backToAreas}</a></p><h1>${facts.area.code} · ${facts.area.name}</h1>${factsSection(
          lang,
          facts,
          thresholds,
          now,
        )}${sensorsSection(lang, channels, now)}${chartsSection(lang, code, charts, marks, range, badRange)}`,
      })
      return sendConsolePage(reply, page)
    },
  )
}

export default area
