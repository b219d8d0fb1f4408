export { buildEpcisDocument } from './document.ts'

export type * from './types.ts'
export { EPCIS_CONTEXT_URL } from './types.ts'
