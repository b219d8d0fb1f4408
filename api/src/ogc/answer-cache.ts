// Finished /ogc answers, kept for the open-data snapshot's interval: a crowd of map viewers or a harvester
// asking the same pages again gets the bytes already made instead of another query and serialisation
// (bench:open: a daily-water page costs tens of ms, a kept one well under one). Keyed by the data's
// generation, so making an area private (OpenDataSource.clear) drops every answer that showed it at once.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { SNAPSHOT_TTL_MS } from '../open-data/source.ts'
import { originOf } from './links.ts'
import { chooseFormat } from './params.ts'

type Headers = Record<string, string>

interface Answer {
  at: number
  headers: Headers
  body: Buffer | string
}

const MAX_ANSWERS = 500

/** Requests that missed, and where their answer goes once made. */
const pending = new WeakMap<FastifyRequest, { cache: AnswerCache; key: string }>()

export class AnswerCache {
  private readonly answers = new Map<string, Answer>()
  private readonly now: () => number

  constructor(now: () => number = Date.now) {
    this.now = now
  }

  /** Answers the request from the cache when it can (true); otherwise notes it so keepAnswer stores it. */
  tryAnswer(request: FastifyRequest, reply: FastifyReply, generation: number): boolean {
    const url = request.url
    const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''
    // Without `f` the format follows Accept; everything else that shapes the answer is in the URL.
    const byAccept = query.split('&').some((p) => p.startsWith('f='))
      ? ''
      : chooseFormat(undefined, request.headers.accept)
    const key = `${generation}|${originOf(request)}|${byAccept}|${url}`
    const answer = this.answers.get(key)
    if (answer && this.now() - answer.at < SNAPSHOT_TTL_MS) {
      reply.headers(answer.headers).send(answer.body)
      return true
    }
    pending.set(request, { cache: this, key })
    return false
  }

  store(key: string, headers: Headers, body: Buffer | string): void {
    if (this.answers.size >= MAX_ANSWERS) this.answers.clear()
    this.answers.set(key, { at: this.now(), headers, body })
  }
}

/** Keeps a finished 200 answer of a request that tryAnswer could not answer. */
export function keepAnswer(request: FastifyRequest, headers: Headers, body: Buffer | string): void {
  const noted = pending.get(request)
  if (noted) noted.cache.store(noted.key, headers, body)
}
