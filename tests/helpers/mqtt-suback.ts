// What a SUBACK granted, read through MQTT.js, for the tests of both brokers (the platform's and the edge
// agent's local one): MQTT.js reports a refused subscription as an error, not as the granted QoS 128.
import type { MqttClient } from 'mqtt'

/** Granted QoS per topic from the SUBACK, refusals (128) included. */
export async function grantedQos(client: MqttClient, topic: string | string[]): Promise<number[]> {
  try {
    return (await client.subscribeAsync(topic, { qos: 1 })).map((g) => g.qos)
  } catch (err) {
    const granted = (err as { packet?: { granted?: (number | { qos: number })[] } }).packet?.granted
    if (!granted) throw err
    return granted.map((g) => (typeof g === 'number' ? g : g.qos))
  }
}
