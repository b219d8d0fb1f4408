export { type AuthKeys, loadOrCreateAuthKeys } from './auth/keys.ts'
export {
  createToken,
  DEFAULT_TOKEN_LIFETIME,
  isTokenRole,
  type Principal,
  type Role,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TOKEN_ROLES,
  type TokenClaims,
  TokenError,
  type TokenRole,
  verifyToken,
} from './auth/tokens.ts'
export {
  type LabelKeyInfo,
  type LabelKeyring,
  openLabelKeyring,
  UnknownLabelKeyError,
} from './labels/keyring.ts'
export { LabelTooLongError, labelQrPng, labelQrSvg, labelQrVersion } from './labels/qr.ts'
export { buildApp, type LoggerOption, type RunningApi, startApi } from './server.ts'
export type { AppOptions } from './types.ts'
