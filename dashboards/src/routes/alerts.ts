// The alert console for officers and admins: GET /console/alerts (filtered list), POST /console/alerts/ack
// (one or several alerts, one note) and GET /console/alerts/:alertId (its history). The data work is the
// API's own repositories; an acknowledgement the repository refuses is a message on the page, never a 500.
// `GET /console/alerts?fragment=rows` answers only the table body and count of the same filter (with the
// row forms' CSRF tokens): what the `<alert-live>` island swaps in after each stream event.
import { formatDateTime, html } from '@zonetrace/api'
import { ACK_NOTE_MAX, type Lang } from '@zonetrace/contracts'
import { acknowledgeAlert, getAlert, listAlerts, listZones, RegistryError } from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { filterQuery, type ParsedFilter, parseAlertFilter } from '../alerts-filter.ts'
import { answerPage } from '../answer.ts'
import { langOf, personWith } from '../guard.ts'
import { sendConsolePage } from '../layout.ts'
import { alertHistoryMain } from '../pages/alert-history.ts'
import { alertCount, alertRows } from '../pages/alert-rows.ts'
import { alertsMain } from '../pages/alerts.ts'
import { alertsText } from '../pages/alerts-text.ts'

/** At most this many alerts in one bulk acknowledgement: a page of the list. */
const MAX_BULK = 100
const PAGE = 100

interface Outcome {
  notice?: string
  problems?: string[]
}

const alerts: FastifyPluginAsync = async (fastify) => {
  const staff = personWith('officer', 'admin')

  /** The areas the person may see: the area filter's choices. */
  async function visibleZones(request: FastifyRequest) {
    const { cooperativeId } = request.actor
    return (await listZones(fastify.db))
      .filter((z) => cooperativeId === null || z.cooperativeId === cooperativeId)
      .map((z) => ({ code: z.code, name: z.name }))
  }

  /** The alerts of a filter that could be read; a forged or stale cursor is the only refusal left. */
  async function readPage(request: FastifyRequest, parsed: ParsedFilter) {
    try {
      return await listAlerts(fastify.db, request.actor, { ...parsed.filter, limit: PAGE })
    } catch (err) {
      // Only a forged or stale cursor gets past the form's own checks.
      if (!(err instanceof RegistryError)) throw err
      return null
    }
  }

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    parsed: ParsedFilter,
    outcome: Outcome,
    zones: { code: string; name: string }[],
    status = 200,
  ): Promise<FastifyReply> {
    const lang = langOf(request)
    const t = alertsText(lang)
    const problems = [...(outcome.problems ?? []), ...parsed.problems]
    let page: Awaited<ReturnType<typeof listAlerts>> = { alerts: [], nextCursor: null }
    let live = false
    if (parsed.problems.length === 0) {
      const read = await readPage(request, parsed)
      if (read) {
        page = read
        live = true
      } else {
        problems.push(t.badCursor)
        status = 400
      }
    } else if (status < 400) status = 400
    return answerPage(
      request,
      reply,
      (_lang, csrfToken) => ({
        title: t.title,
        section: 'alerts',
        main: alertsMain(lang, {
          ...parsed,
          ...page,
          csrfToken,
          zones,
          live,
          notice: outcome.notice,
          problems,
        }),
        islands: live ? ['alert-live'] : [],
      }),
      status,
    )
  }

  /** Only the rows and count of the filter, for the live island; a filter it cannot read is a 400. */
  async function rowsFragment(
    request: FastifyRequest,
    reply: FastifyReply,
    parsed: ParsedFilter,
    fragment: string,
  ): Promise<FastifyReply> {
    const lang = langOf(request)
    const t = alertsText(lang)
    const problems = fragment === 'rows' ? parsed.problems : [t.badFragment(fragment.slice(0, 20))]
    const page = problems.length ? null : await readPage(request, parsed)
    if (!page) {
      const list = html`<ul class="error">${(problems.length ? problems : [t.badCursor]).map((p) => html`<li>${p}</li>`)}</ul>`
      return sendConsolePage(reply, list.toString(), 400)
    }
    const action = `/console/alerts/ack?${filterQuery(parsed.form, { cursor: parsed.form.cursor })}`
    const view = { ...page, filter: parsed.filter, action, csrfToken: reply.csrfToken() }
    return sendConsolePage(reply, html`${alertRows(lang, view)}${alertCount(lang, view)}`.toString())
  }

  fastify.get('/console/alerts', { schema: { hide: true }, preHandler: staff }, async (request, reply) => {
    const lang = langOf(request)
    const query = request.query as Record<string, unknown>
    const zones = await visibleZones(request)
    const parsed = parseAlertFilter(
      query,
      lang,
      zones.map((z) => z.code),
    )
    if (query.fragment !== undefined) return rowsFragment(request, reply, parsed, String(query.fragment))
    // After an acknowledgement the 303 names what was done; ids only, so nothing else is echoed.
    const acked = String(query.acked ?? '')
      .split(',')
      .filter((id) => /^\d{1,15}$/.test(id))
      .map(Number)
    const outcome = acked.length ? { notice: alertsText(lang).ackedDone(acked) } : {}
    return listPage(request, reply, parsed, outcome, zones)
  })

  fastify.post(
    '/console/alerts/ack',
    { schema: { hide: true }, preHandler: staff, config: { audit: 'alert acknowledge' } },
    async (request, reply) => {
      const lang = langOf(request)
      const t = alertsText(lang)
      const zones = await visibleZones(request)
      const parsed = parseAlertFilter(
        request.query as Record<string, unknown>,
        lang,
        zones.map((z) => z.code),
      )
      const body = (request.body ?? {}) as { alertId?: unknown; note?: unknown }
      const ids = [body.alertId].flat().filter((id): id is string => typeof id === 'string' && id !== '')
      const note = typeof body.note === 'string' ? body.note : ''
      if (ids.length === 0 || ids.length > MAX_BULK)
        return listPage(request, reply, parsed, { problems: [t.noneChosen] }, zones, 400)
      if (note.length > ACK_NOTE_MAX) {
        const problems = [t.noteTooLong(ACK_NOTE_MAX, note.length)]
        return listPage(request, reply, parsed, { problems }, zones, 400)
      }
      const done: number[] = []
      const refused: { message: string; code: RegistryError['code'] }[] = []
      for (const raw of new Set(ids)) {
        const id = /^\d{1,15}$/.test(raw) ? Number(raw) : null
        if (id === null) {
          refused.push({ message: t.unknownAlert(raw.slice(0, 20)), code: 'not_found' })
          continue
        }
        try {
          await acknowledgeAlert(fastify.db, request.actor, id, note)
          done.push(id)
        } catch (err) {
          if (!(err instanceof RegistryError)) throw err
          refused.push({ message: await refusal(lang, request, id, err), code: err.code })
        }
      }
      // Their webhook deliveries are committed: send them now rather than on the next poll.
      if (done.length) fastify.webhookDispatcher.nudge()
      if (refused.length === 0) {
        const back = filterQuery(parsed.form, { cursor: parsed.form.cursor, acked: done.join(',') })
        return reply.code(303).header('location', `/console/alerts?${back}`).send()
      }
      // Something was refused: say what on the page. A 4xx only when nothing changed, so the audit log
      // (which skips 4xx) records exactly the acknowledgements that happened.
      const status = done.length ? 200 : refused.some((r) => r.code === 'conflict') ? 409 : 404
      return listPage(
        request,
        reply,
        parsed,
        { notice: done.length ? t.ackedDone(done) : undefined, problems: refused.map((r) => r.message) },
        zones,
        status,
      )
    },
  )

  /** The refusal in the person's language: who acknowledged first and when, or that there is no such alert. */
  async function refusal(
    lang: Lang,
    request: FastifyRequest,
    id: number,
    err: RegistryError,
  ): Promise<string> {
    const t = alertsText(lang)
    if (err.code !== 'conflict') return t.unknownAlert(String(id))
    const alert = await getAlert(fastify.db, request.actor, id)
    return t.alreadyAcked(id, alert.acknowledgedBy ?? '—', formatDateTime(alert.acknowledgedAt))
  }

  fastify.get(
    '/console/alerts/:alertId',
    { schema: { hide: true }, preHandler: staff },
    async (request, reply) => {
      const lang = langOf(request)
      const t = alertsText(lang)
      const { alertId } = request.params as { alertId: string }
      try {
        if (!/^\d{1,15}$/.test(alertId)) throw new RegistryError('not an alert id', 'not_found')
        const alert = await getAlert(fastify.db, request.actor, Number(alertId))
        return answerPage(request, reply, () => ({
          title: t.alertTitle(alert.id),
          section: 'alerts',
          main: alertHistoryMain(lang, alert),
        }))
      } catch (err) {
        if (!(err instanceof RegistryError)) throw err
        const main = html`<h1>${t.notFoundTitle}</h1><p class="lead">${t.unknownAlert(alertId.slice(0, 20))}</p><p><a href="/console/alerts">${t.backToList}</a></p>`
        return answerPage(request, reply, () => ({ title: t.notFoundTitle, section: 'alerts', main }), 404)
      }
    },
  )
}

export default alerts
