// File names for serials. A serial is a GS1 AI 21 value in character set 82 (contracts/src/gs1/ai-value.ts),
// which allows '/' (a path separator everywhere) and " * : < > ? (refused in Windows file names). It also
// allows '.', and Windows silently drops a trailing dot, so "A." and "A" would land in the same file.

/** Everything outside [A-Za-z0-9_-] becomes %XX, '%' and '.' included, so the mapping is one-to-one. */
export function serialFileStem(serial: string): string {
  let stem = ''
  for (const ch of serial) {
    stem += /[A-Za-z0-9_-]/.test(ch) ? ch : percent(ch)
  }
  // Windows reserves device names with any extension ("CON.svg" opens the console); escaping the first
  // letter keeps the name unique, since a raw '%' never survives the loop above.
  if (/^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$/i.test(stem)) stem = percent(stem.charAt(0)) + stem.slice(1)
  return stem
}

/**
 * Stems for a batch, unique even on case-insensitive file systems (Windows, macOS by default): a serial
 * that differs from an earlier one only by case gets "~2", "~3"… ('~' is never produced by the encoding).
 */
export function uniqueFileStems(serials: readonly string[]): string[] {
  const taken = new Map<string, number>()
  return serials.map((serial) => {
    const stem = serialFileStem(serial)
    const key = stem.toLowerCase()
    const seen = taken.get(key) ?? 0
    taken.set(key, seen + 1)
    return seen === 0 ? stem : `${stem}~${seen + 1}`
  })
}

function percent(ch: string): string {
  return Array.from(Buffer.from(ch, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(
    '',
  )
}
