export { consolePages } from './plugin.ts'
