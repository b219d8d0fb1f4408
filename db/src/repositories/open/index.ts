export * from './daily-water.ts'
export * from './downloads.ts'
export * from './public-areas.ts'
export * from './public-stations.ts'
