// Configuration: environment variables only. config/schema.ts declares each one (type, default, bounds,
// description); config/load.ts is the one place that reads process.env and builds the Config every other
// part receives. The README table and .env.example are generated from the schema (scripts/config-docs.ts).

// For scripts/config-docs.ts and the tests that hold the README table and .env.example to the schema.
export { configDocs, configTable, envExample } from './config/docs.ts'
export { loadConfig, resolveIngestLimits } from './config/load.ts'
export { READERS } from './config/read.ts'
export { ConfigEnv, type ConfigValues } from './config/schema.ts'
export * from './config/types.ts'
export { defaultText, notesOf } from './config/variables.ts'
