// Each API resource's schema and type, defined once (docs/adr/0009-sql-first-queries.md).
export * from './common.ts'
export * from './lot.ts'
export * from './lot-event.ts'
export * from './product.ts'
export * from './zone.ts'
