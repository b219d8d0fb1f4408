export * from './events.ts'
export * from './view.ts'
