export * from './features.ts'
export * from './geometry.ts'
export * from './key-metric.ts'
