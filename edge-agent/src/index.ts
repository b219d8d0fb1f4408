// @zonetrace/edge-agent: the gateway agent (issue 4). Public entry point.
export { type AgentOptions, type RunningAgent, startAgent } from './agent.ts'
export * from './alarms/index.ts'
export type { ClockBasis, ClockStamp, ClockStats, ClockWatchOptions } from './clock/clock-watch.ts'
export { type ClockWatch, createClockWatch } from './clock/clock-watch.ts'
export { type AgentConfig, AgentConfigError, loadAgentConfig, resolveAgentConfig } from './config/load.ts'
export { parseRemoteConfig } from './config/remote.ts'
export type { AgentConfigFile, RemoteConfig } from './config/schema.ts'
export type { Circular10File, Circular10Options, Circular10Problem } from './inputs/circular10.ts'
export { parseCircular10File } from './inputs/circular10.ts'
export {
  CIRCULAR10_NAME_PATTERN,
  parseCircular10Name,
  VIETNAM_UTC_OFFSET_HOURS,
} from './inputs/circular10-name.ts'
export { circular10Names, DEFAULT_CIRCULAR10_NAMES } from './inputs/circular10-names.ts'
export type {
  Circular10Watcher,
  Circular10WatcherOptions,
  Circular10WatcherStats,
} from './inputs/circular10-watcher.ts'
export { createCircular10Watcher } from './inputs/circular10-watcher.ts'
export {
  LOCAL_CONFIG_TOPIC,
  LOCAL_TOPIC_ROOT,
  type LocalMqttInput,
  type LocalMqttOptions,
  type LocalMqttStats,
  localReadingsTopic,
  startLocalMqttInput,
} from './inputs/local-mqtt.ts'
export type { AgentLogger } from './logger.ts'
export type { AgentReading, ReadingSink } from './reading.ts'
export * from './spool/index.ts'
export { decodeEntry, encodeReadings } from './spool-codec.ts'
export { createSender, type Sender } from './uplink/sender.ts'
export { senmlPack } from './uplink/senml-pack.ts'
export { startUplink, type Uplink } from './uplink/uplink.ts'
