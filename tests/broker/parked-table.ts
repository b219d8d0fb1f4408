// Fault injection for the commit-failure tests: a table renamed away while a gateway publishes, so the
// broker's insert fails with a statement error (undefined table) that no retry could ever fix.
import type { Database } from '@zonetrace/db'
import type { MqttClient } from 'mqtt'
import { expect } from 'vitest'
import { closeOf } from './harness.ts'

export interface ParkedPublish {
  /** The table the broker writes the message to; it is back in place when the publish returns. */
  table: string
  topic: string
  body: string
}

/**
 * Publishes at QoS 1 while the table is parked under another name and waits until the broker has closed
 * the connection, checking that no PUBACK came first. `resend` is the publish itself: the client completes
 * it by resending after it reconnects (hence an object, so awaiting this does not wait for it).
 */
export async function publishWhileTableParked(
  db: Database,
  client: MqttClient,
  { table, topic, body }: ParkedPublish,
): Promise<{ resend: Promise<void> }> {
  await db.query(`alter table ${table} rename to ${table}_parked`)
  let acked = false
  const resend = new Promise<void>((resolve, reject) =>
    client.publish(topic, body, { qos: 1 }, (err) => {
      acked = true
      if (err) reject(err)
      else resolve()
    }),
  )
  try {
    await closeOf(client)
    expect(acked).toBe(false)
  } finally {
    await db.query(`alter table ${table}_parked rename to ${table}`)
  }
  return { resend }
}
