import compress from '@fastify/compress'
import fp from 'fastify-plugin'

// Pages and JSON go out compressed (brotli or gzip, as the client accepts): a consumer page on 3G is a few
// KB instead of tens. The alert stream (text/event-stream) is left alone so each event leaves at once.
export default fp(async (fastify) => {
  await fastify.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] })
})
