// Child process for spool-crash.test.ts: appends numbered records to a file spool (fsync 'always' unless
// told 'interval') until killed, printing `A <seq> <n>` once each append has resolved (stdout to a pipe is
// synchronous on Linux, so a printed line was written before the kill). With mode 'ack' it also acks the oldest entries in
// shuffled batches, printing `K <seq>` once ack() has resolved.
import { openFileSpool } from '@zonetrace/edge-agent'

const [dir, mode, fsync = 'always'] = process.argv.slice(2)
if (!dir || (mode !== 'append' && mode !== 'ack') || (fsync !== 'always' && fsync !== 'interval')) {
  process.stderr.write('usage: spool-crash-child.ts <dir> append|ack [always|interval]\n')
  process.exit(2)
}

/** Record n: its number and a filler whose length follows from n, so a parent can tell garbage apart. */
function crashRecord(n: number): Buffer {
  return Buffer.from(`rec:${n}:${'x'.repeat((n * 7) % 90)}`)
}

const store = await openFileSpool({
  dir,
  maxBytes: 256 << 20,
  whenFull: 'reject_new',
  fsync,
  segmentBytes: 16 << 10,
})
process.stdout.write('READY\n')

let next = 0
const unacked: number[] = []

async function appender(): Promise<void> {
  for (;;) {
    const size = 1 + (next % 3)
    const ns = Array.from({ length: size }, () => next++)
    const seqs = await store.append(ns.map(crashRecord))
    process.stdout.write(seqs.map((seq, i) => `A ${seq} ${ns[i]}\n`).join(''))
    if (mode === 'ack') {
      unacked.push(...seqs)
      if (unacked.length > 120) await ackOldest()
    }
  }
}

async function ackOldest(): Promise<void> {
  const batch = unacked.splice(0, 40)
  for (let i = batch.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[batch[i], batch[j]] = [batch[j]!, batch[i]!]
  }
  await store.ack(batch)
  process.stdout.write(batch.map((seq) => `K ${seq}\n`).join(''))
}

// Several appends in flight at once, so group commits of more than one call are what gets killed.
await Promise.all([appender(), appender(), appender(), appender()])
