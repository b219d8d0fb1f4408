export * from './ai-value.ts'
export * from './digital-link.ts'
export * from './gtin.ts'
export * from './gtin-problem.ts'
