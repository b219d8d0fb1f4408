// The inputs a config file asks for: the local MQTT broker for LAN nodes and one folder watcher per
// Circular 10 station. All deliver to the same sink.
import type { AgentConfig } from './config/load.ts'
import { type Circular10Watcher, createCircular10Watcher } from './inputs/circular10-watcher.ts'
import { type LocalMqttInput, startLocalMqttInput } from './inputs/local-mqtt.ts'
import type { AgentLogger } from './logger.ts'
import type { ReadingSink } from './reading.ts'

export interface AgentInputs {
  localMqtt: LocalMqttInput | null
  stations: Circular10Watcher[]
  /** Tells the LAN nodes the sampling interval the platform asked for (retained, so late nodes get it). */
  announceSampling(seconds: number): Promise<void>
  close(): Promise<void>
}

export async function startInputs(o: {
  config: AgentConfig
  sink: ReadingSink
  log: AgentLogger
  now: () => number
}): Promise<AgentInputs> {
  const { mqtt, circular10 = [] } = o.config.inputs
  const localMqtt = mqtt
    ? await startLocalMqttInput({
        host: mqtt.host,
        port: mqtt.port,
        sink: o.sink,
        auth:
          mqtt.username !== undefined
            ? { username: mqtt.username, password: mqtt.password ?? '' }
            : undefined,
        log: o.log,
        now: o.now,
      })
    : null
  const stations = circular10.map((s) =>
    createCircular10Watcher({
      dir: s.dir,
      sink: o.sink,
      log: o.log,
      names: s.names,
      station: s.station,
      sensorId: s.sensorId,
      deleteProcessed: s.deleteProcessed,
    }),
  )
  for (const s of stations) await s.start()
  return {
    localMqtt,
    stations,
    async announceSampling(seconds) {
      await localMqtt?.announceConfig({ samplingSeconds: seconds })
    },
    async close() {
      for (const s of stations) await s.stop()
      await localMqtt?.close()
    },
  }
}
