// The OpenAPI document, its UI (served from local assets, no network), and JSON answers for unknown routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ApiHarness, startHarness } from './harness.ts'

let harness: ApiHarness
beforeAll(async () => {
  harness = await startHarness()
})
afterAll(async () => {
  await harness?.close()
})

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3 document titled zonetrace that lists every route', async () => {
    const res = await harness.app.inject({ url: '/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc.info.title).toBe('zonetrace')
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(routes.sort()).toEqual([
      'DELETE /api/v1/rules/{id}',
      'DELETE /api/v1/webhooks/{id}',
      'GET /.well-known/jwks.json',
      'GET /01/{gtin}/10/{lot}/21/{serial}',
      'GET /api/v1/alerts',
      'GET /api/v1/alerts/export.csv',
      'GET /api/v1/alerts/stream',
      'GET /api/v1/alerts/{id}',
      'GET /api/v1/dead-letters',
      'GET /api/v1/feedback',
      'GET /api/v1/gateways',
      'GET /api/v1/gateways/{gatewayId}/alarms',
      'GET /api/v1/gateways/{gatewayId}/config',
      'GET /api/v1/gateways/{gatewayId}/readings/count',
      'GET /api/v1/jobs',
      'GET /api/v1/labels/flagged',
      'GET /api/v1/labels/layouts',
      'GET /api/v1/lots',
      'GET /api/v1/lots/{lotId}',
      'GET /api/v1/lots/{lotId}/epcis',
      'GET /api/v1/lots/{lotId}/evidence',
      'GET /api/v1/lots/{lotId}/labels/batches',
      'GET /api/v1/lots/{lotId}/labels/batches/{batchId}/labels.csv',
      'GET /api/v1/lots/{lotId}/labels/batches/{batchId}/labels.pdf',
      'GET /api/v1/lots/{lotId}/labels/batches/{batchId}/labels.zip',
      'GET /api/v1/lots/{lotId}/labels/batches/{batchId}/sheet.svg',
      'GET /api/v1/lots/{lotId}/scans',
      'GET /api/v1/lots/{lotId}/status',
      'GET /api/v1/presets',
      'GET /api/v1/products',
      'GET /api/v1/rules',
      'GET /api/v1/rules/{id}',
      'GET /api/v1/scans/regions',
      'GET /api/v1/sensors',
      'GET /api/v1/sensors/{sensorId}/series',
      'GET /api/v1/webhooks',
      'GET /api/v1/webhooks/{id}/deliveries',
      'GET /api/v1/zones',
      'GET /api/v1/zones/{code}/compliance',
      'GET /api/v1/zones/{code}/thresholds',
      'GET /check',
      'GET /health',
      'GET /ogc',
      'GET /ogc/api',
      'GET /ogc/collections',
      'GET /ogc/collections/{collectionId}',
      'GET /ogc/collections/{collectionId}/items',
      'GET /ogc/collections/{collectionId}/items/{featureId}',
      'GET /ogc/conformance',
      'GET /open/catalog.jsonld',
      'GET /open/downloads',
      'GET /open/downloads/communes/{commune}/{file}',
      'GET /open/downloads/{file}',
      'PATCH /api/v1/feedback/{id}',
      'PATCH /api/v1/gateways/{gatewayId}',
      'PATCH /api/v1/lots/{lotId}',
      'POST /01/{gtin}/10/{lot}/21/{serial}/feedback',
      'POST /api/v1/alerts/{id}/ack',
      'POST /api/v1/gateways',
      'POST /api/v1/jobs/{name}/run',
      'POST /api/v1/lots',
      'POST /api/v1/lots/merge',
      'POST /api/v1/lots/{lotId}/events',
      'POST /api/v1/lots/{lotId}/labels',
      'POST /api/v1/lots/{lotId}/recall',
      'POST /api/v1/lots/{lotId}/split',
      'POST /api/v1/products',
      'POST /api/v1/rules',
      'POST /api/v1/webhooks',
      'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry',
      'POST /api/v1/zones',
      'PUT /api/v1/gateways/{gatewayId}/config',
      'PUT /api/v1/zones/{code}/thresholds',
    ])
  })

  it('declares the bearer scheme and requires it on the write route', async () => {
    const doc = (await harness.app.inject({ url: '/openapi.json' })).json()
    expect(doc.components.securitySchemes.bearerAuth).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    })
    const post = doc.paths['/api/v1/gateways'].post
    expect(post.security).toEqual([{ bearerAuth: [] }])
    expect(Object.keys(post.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '500'])
    const series = doc.paths['/api/v1/sensors/{sensorId}/series'].get
    expect(series.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'bucket',
      'from',
      'metric',
      'sensorId',
      'to',
    ])
  })
})

describe('GET /docs', () => {
  it('serves the Swagger UI page and its assets from the package', async () => {
    let res = await harness.app.inject({ url: '/docs' })
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
      res = await harness.app.inject({ url: String(res.headers.location) })
    }
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(res.body).toContain('swagger-ui')
    expect(res.body).not.toMatch(/src="https?:/)
    const bundle = await harness.app.inject({ url: '/docs/static/swagger-ui-bundle.js' })
    expect(bundle.statusCode).toBe(200)
    const spec = await harness.app.inject({ url: '/docs/json' })
    expect(spec.json().info.title).toBe('zonetrace')
  })
})

describe('unknown routes', () => {
  it('answer a JSON 404', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing'],
      ['DELETE', '/api/v1/gateways'],
      ['GET', '/api/v2/zones?x=1'],
    ] as const) {
      const res = await harness.app.inject({ method, url })
      expect(res.statusCode, url).toBe(404)
      expect(res.json()).toEqual({ error: 'Not Found', message: `no route ${method} ${url.split('?')[0]}` })
    }
  })
})
