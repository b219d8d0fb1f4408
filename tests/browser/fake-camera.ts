// A label in front of Chromium's fake camera: the label's QR symbol drawn into a Y4M file (a header line,
// then "FRAME\n" and the raw I420 planes per frame), which Chromium plays in a loop as the camera with
// --use-file-for-fake-video-capture. Written here rather than through ffmpeg: the format is that simple.
import { writeFile } from 'node:fs/promises'
import QRCode from 'qrcode'

const WIDTH = 640
const HEIGHT = 480
const WHITE = 235
const BLACK = 16

export async function writeLabelY4m(path: string, url: string): Promise<void> {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' })
  const quiet = 4
  const scale = Math.floor((HEIGHT - 40) / (modules.size + 2 * quiet))
  const side = modules.size * scale
  const left = Math.floor((WIDTH - side) / 2)
  const top = Math.floor((HEIGHT - side) / 2)
  const luma = Buffer.alloc(WIDTH * HEIGHT, WHITE)
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue
      for (let y = 0; y < scale; y++) {
        const start = (top + row * scale + y) * WIDTH + left + col * scale
        luma.fill(BLACK, start, start + scale)
      }
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma])
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`)
  await writeFile(path, Buffer.concat([header, frame, frame]))
}
