export {
  CIRCULAR10_DEFAULT_NAMES,
  CIRCULAR10_STATUS,
  CIRCULAR10_UNITS,
  circular10Body,
  circular10FileName,
  circular10Timestamp,
  STATION_PATTERN,
} from './circular10/format.ts'
export { CredentialsError, parseCredentials, readCredentialsFile } from './credentials.ts'
export {
  type Aerator,
  type AeratorDrill,
  type AeratorStop,
  createAerator,
} from './faults/aerator-failure.ts'
export { createGatewayFaults, type GatewayFaults } from './faults/gateway-faults.ts'
export { FAULT_NAMES, FaultListError, type FaultName, parseFaults } from './faults/names.ts'
export { AERATED_KINDS, createPondFaults, type WaterFault } from './faults/pond-faults.ts'
export { createProbeFaults, type ProbeFaults } from './faults/probe-faults.ts'
export type { SimLogger } from './logger.ts'
export { localReadingsTopic, type SimTarget } from './outlet.ts'
export {
  createPackSource,
  type PackSource,
  type PackSourceOptions,
  type ProbeSample,
  type TimedPack,
} from './pack-source.ts'
export { deriveSeed, mulberry32 } from './prng.ts'
export { createProbe, simulatedMetric } from './probe.ts'
export { profileFor, ZONE_PROFILES, type ZoneKind, type ZoneProfile } from './profiles.ts'
export { type Simulator, type SimulatorOptions, startSimulator } from './simulator.ts'
export type { SimGateway } from './targets.ts'
export { dailyWave, drySeason, idealWater, LOCAL_UTC_OFFSET_HOURS, localHour, tide } from './water.ts'
export { createWeather, type RainEvent, type Weather } from './weather.ts'
