// K gateways publishing QoS 1 SenML packs of 8 readings (two 4-metric probes at one instant, as in the
// field) through the real mqtt client. Run apart from the broker (a worker thread: ingest-load.ts; a child
// process: load-child.ts) so the generator's own CPU does not hide inside the broker's numbers.
import { type GatewayCredentials, topics } from '@zonetrace/contracts'
import mqtt, { type MqttClient } from 'mqtt'

export interface LoadRequest {
  url: string
  gateways: GatewayCredentials[]
  /** 'max': each gateway keeps `window` packs in flight; 'rate': packs/s spread evenly over gateways. */
  mode: 'max' | 'rate'
  window: number
  readingsPerSecond: number
  seconds: number
  /** Distinct time base per phase so phases never collide on the primary key. */
  timeBase: number
}

export interface LoadResult {
  packs: number
  readings: number
  latenciesMs: number[]
  seconds: number
}

export async function generateLoad(req: LoadRequest): Promise<LoadResult> {
  const clients: MqttClient[] = await Promise.all(
    req.gateways.map((g) =>
      mqtt.connectAsync(req.url, {
        username: g.username,
        password: g.password,
        clientId: g.gatewayId,
        reconnectPeriod: 0,
      }),
    ),
  )

  const seq = new Array<number>(clients.length).fill(0)
  function pack(i: number): string {
    const g = req.gateways[i]!
    const t = (req.timeBase + seq[i]!++) / 1000 // one millisecond apart per gateway: never a duplicate key
    const [a, b] = [g.sensors[0]!.sensorId, g.sensors[4]?.sensorId ?? `${g.gatewayId}-s2`]
    return `[{"bn":"${a}:","bt":${t}},{"n":"salinity","v":${(12 + Math.random()).toFixed(2)}},{"n":"ph","v":7.9},{"n":"dissolved_oxygen","v":5.2},{"n":"temperature","v":29.1},{"bn":"${b}:","n":"salinity","v":11.8},{"n":"ph","v":8.0},{"n":"dissolved_oxygen","v":4.9},{"n":"temperature","v":29.3}]`
  }

  const latencies: number[] = []
  let packs = 0
  const started = performance.now()
  const deadline = started + req.seconds * 1000

  function publish(i: number): Promise<void> {
    const sentAt = performance.now()
    return clients[i]!.publishAsync(topics.readings(req.gateways[i]!.gatewayId), pack(i), { qos: 1 }).then(
      () => {
        latencies.push(performance.now() - sentAt)
        packs++
      },
    )
  }

  if (req.mode === 'max') {
    const lane = async (i: number) => {
      while (performance.now() < deadline) await publish(i)
    }
    await Promise.all(clients.flatMap((_, i) => Array.from({ length: req.window }, () => lane(i))))
  } else {
    // Open loop: packs are offered on schedule whatever the acknowledgements do, so slow commits show up as
    // latency instead of quietly lowering the offered rate.
    const packsPerSecond = req.readingsPerSecond / 8
    const inflight: Promise<void>[] = []
    let sent = 0
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now()
        if (now >= deadline) return resolve()
        const due = Math.floor(((now - started) / 1000) * packsPerSecond)
        while (sent < due) inflight.push(publish(sent++ % clients.length))
        setTimeout(tick, 2)
      }
      tick()
    })
    await Promise.all(inflight)
  }
  const seconds = (performance.now() - started) / 1000
  await Promise.all(clients.map((c) => c.endAsync()))
  return { packs, readings: packs * 8, latenciesMs: latencies, seconds }
}
