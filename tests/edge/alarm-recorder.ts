// A stand-in for a relay driver behind an alarm output hook: a Node script that appends, per run, the
// ZT_ALARM_* variables it was given and its second argument to the file named by its first argument.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface RecordedRun {
  env: Record<string, string>
  arg: string | undefined
}

/** Writes the recorder into `dir`; the hook command is [process.execPath, script, recordFile, arg?]. */
export async function writeAlarmRecorder(dir: string): Promise<string> {
  const script = join(dir, 'relay.mjs')
  await writeFile(
    script,
    `import { appendFileSync } from 'node:fs'
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('ZT_ALARM_')))
appendFileSync(process.argv[2], JSON.stringify({ env, arg: process.argv[3] }) + '\\n')
`,
  )
  return script
}

/** The runs recorded so far, oldest first (none before the first run). */
export async function recordedRuns(recordFile: string): Promise<RecordedRun[]> {
  const text = await readFile(recordFile, 'utf8').catch(() => '')
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line))
}
