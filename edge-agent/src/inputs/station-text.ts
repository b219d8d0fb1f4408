// Bytes of a station file to text. Loggers running Windows write UTF-16 with a byte order mark or the
// Vietnamese Windows code page (windows-1258) as often as UTF-8. Only units and the odd accented name are
// outside ASCII, and windows-1258 maps every byte, so a file that is not valid UTF-8 is read with it.

const utf8 = new TextDecoder('utf-8', { fatal: true })
const windows1258 = new TextDecoder('windows-1258')

export function decodeStationText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le')
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)))
    return body.swap16().toString('utf16le')
  }
  try {
    return utf8.decode(bytes)
  } catch {
    return windows1258.decode(bytes)
  }
}
