// Acknowledging an alert: who, when and a note, kept on the alert and in its history. An alert is
// acknowledged once: a second acknowledgement is refused (409) rather than overwriting the first, so the
// record keeps who took responsibility first. Active and cleared alerts can both be acknowledged.
import { ACK_NOTE_MAX, type AlertView } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { NotFoundError } from '../found.ts'
import { type Actor, ownedBy } from '../trace/actor.ts'
import { recordAlertEvents } from './events.ts'

/** The acknowledged alert; not_found when it does not exist or lies outside the actor's growing areas. */
export async function acknowledgeAlert(
  db: Database,
  actor: Actor,
  id: number,
  note?: string | null,
): Promise<AlertView> {
  if (note != null && (typeof note !== 'string' || note.length > ACK_NOTE_MAX)) {
    throw new RegistryError(`note must be text of at most ${ACK_NOTE_MAX} characters`, 'invalid')
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
    if (!alert) throw new NotFoundError(`alert ${id} not found`)
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
