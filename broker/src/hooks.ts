// aedes 1.2.0 declares its hook signatures without exporting them; these are the same types by name.
import type { AedesOptions } from 'aedes'

export type AuthenticateHook = NonNullable<AedesOptions['authenticate']>
export type AuthorizePublishHook = NonNullable<AedesOptions['authorizePublish']>
export type AuthorizeSubscribeHook = NonNullable<AedesOptions['authorizeSubscribe']>
export type AuthorizeForwardHook = NonNullable<AedesOptions['authorizeForward']>
