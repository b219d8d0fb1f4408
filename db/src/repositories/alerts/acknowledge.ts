// Acknowledging an alert: who, when and a note, kept on the alert and in its history. An alert is
// acknowledged once: a second acknowledgement is refused (409) rather than overwriting the first, so the
// record keeps who took responsibility first. Active and cleared alerts can both be acknowledged.
import type { AlertView } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { type Actor, ownedBy } from '../trace/actor.ts'
import { recordAlertEvents } from './events.ts'

export const MAX_ACK_NOTE = 1000

/** The acknowledged alert; null when it does not exist or lies outside the actor's growing areas. */
export async function acknowledgeAlert(
  db: Database,
  actor: Actor,
  id: number,
  note?: string | null,
): Promise<AlertView | null> {
  if (note != null && (typeof note !== 'string' || note.length > MAX_ACK_NOTE)) {
    throw new RegistryError(`note must be text of at most ${MAX_ACK_NOTE} characters`, 'invalid')
  }
  const text = note?.trim() ? note : null
  const by = actor.subject ?? 'unknown'
  return db.transaction(async (tx) => {
    const params: unknown[] = [id]
    const [alert] = await tx.query<{ acknowledged: boolean; by: string | null; at: Date | null }>(
      `select a.acknowledged, a.acknowledged_by as by, a.acknowledged_at as at
         from alerts a left join growing_areas g on g.code = a.zone_code
        where a.id = $1${ownedBy(actor, 'g.cooperative_id', params)}
        for update of a`,
      params,
    )
    if (!alert) return null
    if (alert.acknowledged) {
      throw new RegistryError(
        `alert ${id} was already acknowledged by ${alert.by ?? 'someone'} at ${alert.at?.toISOString()}`,
        'conflict',
      )
    }
    await tx.query(
      `update alerts set acknowledged = true, acknowledged_by = $2, acknowledged_at = clock_timestamp(),
              ack_note = $3, updated_at = clock_timestamp()
        where id = $1`,
      [id, by, text],
    )
    const [event] = await recordAlertEvents(tx, [
      { alertId: id, type: 'acknowledged', dataTime: null, actor: by, note: text },
    ])
    return event!.alert
  })
}
