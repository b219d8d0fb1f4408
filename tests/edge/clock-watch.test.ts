// The gateway clock watch, on injected wall and monotonic clocks: jumps are found and logged once, the
// agent's own stamps are flagged until the time is trusted again, and source-stamped readings that cannot
// be right are flagged in place, never reordered, restamped or dropped.
import { Quality } from '@zonetrace/contracts'
import { type AgentReading, createClockWatch } from '@zonetrace/edge-agent'
import { describe, expect, it } from 'vitest'

const T0 = Date.UTC(2025, 5, 1, 0, 0, 0)
const HOUR = 3_600_000

/** A gateway's two clocks: `tick` moves both, `setWall` moves only the wall clock, like `date -s`. */
function clocks(wall = T0) {
  let w = wall
  let m = 1_000
  const logs: { level: string; msg: string | undefined; obj: object }[] = []
  const record = (level: string) => (obj: object, msg?: string) => logs.push({ level, msg, obj })
  const log = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') }
  return {
    now: () => w,
    monotonic: () => m,
    tick(ms: number) {
      w += ms
      m += ms
    },
    setWall(ms: number) {
      w = ms
    },
    log,
    logs,
  }
}

function reading(time: number, over: Partial<AgentReading> = {}): AgentReading {
  return { sensorId: 'pond-1', metric: 'salinity', time, value: 12, quality: Quality.good, ...over }
}

describe('createClockWatch', () => {
  it('stamps with the wall clock while it agrees with the monotonic clock', () => {
    const c = clocks()
    const watch = createClockWatch(c)
    c.tick(1000)
    expect(watch.stamp()).toEqual({ time: T0 + 1000, quality: Quality.good })
    expect(watch.stats()).toMatchObject({ basis: 'wall', jumps: 0 })
  })

  it('detects a forward jump, logs it once with its size, and stamps with the estimate flagged', () => {
    const c = clocks()
    const watch = createClockWatch(c)
    c.tick(1000)
    watch.check()
    c.setWall(T0 + 1000 + HOUR) // an hour forward, no time elapsed
    watch.check()
    c.tick(1000)
    watch.check()
    expect(watch.stamp()).toEqual({ time: T0 + 2000, quality: Quality.clockSuspect })
    expect(watch.stats()).toMatchObject({ basis: 'estimate', jumps: 1, offsetMs: HOUR })
    const jumps = c.logs.filter((l) => l.msg?.startsWith('wall clock jumped'))
    expect(jumps).toEqual([
      { level: 'warn', msg: 'wall clock jumped forward', obj: expect.objectContaining({ jumpMs: HOUR }) },
    ])
  })

  it('detects a backward jump and trusts the wall clock again once it agrees with the estimate', () => {
    const c = clocks()
    const watch = createClockWatch(c)
    c.setWall(T0 - 10 * 60_000) // ten minutes back
    watch.check()
    c.tick(5000)
    expect(watch.stamp()).toEqual({ time: T0 + 5000, quality: Quality.clockSuspect })
    // The wall clock is put right (e.g. NTP came back): a second jump, which lands on the estimate.
    c.setWall(T0 + 5000)
    c.tick(1000)
    expect(watch.stamp()).toEqual({ time: T0 + 6000, quality: Quality.good })
    expect(watch.stats()).toMatchObject({ basis: 'wall', jumps: 2 })
    expect(c.logs.map((l) => l.msg)).toContain('wall clock jumped backward')
  })

  it('stamps unflagged with a trusted time while the wall clock stays wrong, and flags again when trust runs out', () => {
    const c = clocks()
    const watch = createClockWatch({ ...c, trustForMs: HOUR })
    c.setWall(T0 + 3 * HOUR)
    watch.check()
    expect(watch.stamp().quality).toBe(Quality.clockSuspect)
    // The broker says the true time is T0 + 10 s (e.g. from a status round trip).
    watch.trust(T0 + 10_000)
    c.tick(1000)
    expect(watch.stamp()).toEqual({ time: T0 + 11_000, quality: Quality.good })
    expect(watch.stats().basis).toBe('trusted')
    c.tick(HOUR)
    expect(watch.stamp()).toEqual({ time: T0 + 11_000 + HOUR, quality: Quality.clockSuspect })
    expect(watch.stats().suspectStamps).toBe(2)
  })

  it('flags stamps from an unset wall clock until it reaches a plausible time', () => {
    const c = clocks(Date.UTC(2000, 0, 1))
    const watch = createClockWatch(c)
    expect(watch.stamp().quality).toBe(Quality.clockSuspect)
    c.setWall(T0)
    expect(watch.stamp()).toEqual({ time: T0, quality: Quality.good })
  })

  it('flags a source reading going backwards for its channel, in place, with its own time', () => {
    const c = clocks()
    const watch = createClockWatch(c)
    const batch = [
      reading(T0 - 3000),
      reading(T0 - 1000),
      reading(T0 - 2000), // earlier than the one before it
      reading(T0 - 2000, { metric: 'ph', value: 7.8 }), // another channel: fine
      reading(T0 - 1000), // a resend of an accepted time: fine
    ]
    const screened = watch.screen(batch)
    expect(screened.map((r) => r.time)).toEqual(batch.map((r) => r.time))
    expect(screened.map((r) => r.quality)).toEqual([0, 0, Quality.clockSuspect, 0, 0])
    // Remembered across batches too.
    expect(watch.screen([reading(T0 - 1500)])[0]!.quality).toBe(Quality.clockSuspect)
    expect(watch.stats().flagged).toBe(2)
  })

  it('flags an implausibly early time and one far ahead of the agent, keeping a source fault flag', () => {
    const c = clocks()
    const watch = createClockWatch(c)
    const screened = watch.screen([
      reading(Date.UTC(2000, 0, 1, 0, 5)), // an RTC reset to 2000
      reading(T0 + HOUR, { sensorId: 'pond-2' }),
      reading(T0 + HOUR, { sensorId: 'pond-3', quality: Quality.deviceError }),
      reading(T0 + 60_000, { sensorId: 'pond-4' }), // a minute ahead is within the default five
    ])
    expect(screened.map((r) => r.quality)).toEqual([
      Quality.clockSuspect,
      Quality.clockSuspect,
      Quality.deviceError,
      Quality.good,
    ])
    expect(screened[0]!.time).toBe(Date.UTC(2000, 0, 1, 0, 5))
  })

  it('remembers times only for batches the sink spooled, so a refused batch is judged the same on retry', async () => {
    const c = clocks()
    const watch = createClockWatch(c)
    let full = true
    const spooled: AgentReading[][] = []
    const sink = watch.screenedSink({
      async accept(readings) {
        if (full) throw new Error('spool full')
        spooled.push(readings)
      },
    })
    const batch = [reading(T0 - 2000), reading(T0 - 1000)]
    await expect(sink.accept(batch)).rejects.toThrow('spool full')
    full = false
    await sink.accept(batch)
    expect(spooled).toEqual([batch])
    expect(watch.stats().flagged).toBe(0)
  })
})
