// Every successful write of a lot-affecting resource clears the lot cache (LotFactsCache.clear) before its
// answer leaves, so a scan made right after a 2xx never shows the lot as it was. Each such resource plugin
// (lots, products, zones) calls this once for all its routes: a new write route there cannot forget it.
import type { FastifyInstance } from 'fastify'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function clearLotFactsAfterWrites(fastify: FastifyInstance): void {
  // onSend rather than onResponse: the cache is clear before the client can act on the answer.
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!READS.has(request.method) && reply.statusCode < 400) fastify.lotFacts.clear()
    return payload
  })
}
