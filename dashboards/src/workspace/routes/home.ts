// GET /workspace: the cooperative's overview, read through its Actor (ADR 0007) so it shows only its own.

import type { Severity } from '@zonetrace/contracts'
import {
  type Actor,
  areaChannels,
  areaMapExtras,
  flaggedSerials,
  listFeedback,
  listLots,
  listOwnAreas,
  vietnamDate,
} from '@zonetrace/db'
import type { FastifyPluginAsync } from 'fastify'
import { answerPage } from '../../answer.ts'
import { personWith } from '../../guard.ts'
import { type HomeView, homeMain } from '../pages/home.ts'
import { homeText } from '../pages/home-text.ts'

const WEEK_MS = 7 * 86_400_000
/** Readings per area card: enough to see the water at a glance without scrolling past the other areas. */
const READINGS_PER_AREA = 3
const LOTS_SHOWN = 10

const home: FastifyPluginAsync = async (fastify) => {
  const db = fastify.db

  async function homeView(actor: Actor, now: Date): Promise<HomeView> {
    const [areas, lots, feedback, flagged] = await Promise.all([
      listOwnAreas(db, actor),
      listLots(db, actor, {}),
      listFeedback(db, actor, { limit: 200 }),
      flaggedSerials(db, actor),
    ])
    const { openAlerts } = await areaMapExtras(
      db,
      areas.map((a) => a.code),
    )
    const channels = await Promise.all(areas.map((a) => areaChannels(db, a.code)))
    return {
      areas: areas.map((area, i) => ({
        area,
        openAlerts: openAlerts.filter((a) => a.zone === area.code).map((a) => a.severity as Severity),
        readings: channels[i]!.filter((c) => c.time !== null)
          .sort((a, b) => b.time!.getTime() - a.time!.getTime())
          .slice(0, READINGS_PER_AREA),
      })),
      // Still moving: neither recalled nor split or merged into other lots.
      lots: lots
        .filter((l) => l.disposition !== 'recalled' && l.children.length === 0)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, LOTS_SHOWN),
      feedback: feedback.filter((f) => now.getTime() - Date.parse(f.createdAt) <= WEEK_MS),
      flagged,
      today: vietnamDate(now.getTime()),
      now,
    }
  }

  fastify.get(
    '/workspace',
    { schema: { hide: true }, preHandler: personWith('cooperative') },
    async (request, reply) => {
      const view = await homeView(request.actor, new Date())
      return answerPage(request, reply, (lang) => ({
        title: homeText(lang).title,
        section: 'ws-home',
        main: homeMain(lang, view),
      }))
    },
  )
}

export default home
