// Which gateway each authenticated connection belongs to. Kept beside the aedes client rather than on it,
// so nothing depends on aedes tolerating extra properties on its objects.
import type { Client } from 'aedes'

const owners = new WeakMap<Client, string>()

export function bindGateway(client: Client, gatewayId: string): void {
  owners.set(client, gatewayId)
}

export function gatewayOf(client: Client | null | undefined): string | undefined {
  return client ? owners.get(client) : undefined
}
