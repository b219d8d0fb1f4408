// The phone's rear camera in a <video>, read for QR codes a few times a second. The browser's own
// BarcodeDetector when it reads qr_code (Chrome on Android, Safari); elsewhere qr-scanner's decoder, fetched
// only now, when the camera opens, from the platform (its worker is a file in /console/dist/, see
// bundle-workers.ts), never from a CDN.

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>
}
declare const BarcodeDetector:
  | undefined
  | {
      new (opts: { formats: string[] }): Detector
      getSupportedFormats(): Promise<string[]>
    }

export interface Camera {
  stop(): void
  /** Which decoder reads the frames, for the tests and for a bug report. */
  decoder: 'native' | 'qr-scanner'
}

const EVERY_MS = 250

async function nativeDetector(): Promise<Detector | null> {
  try {
    if (typeof BarcodeDetector === 'undefined') return null
    const formats = await BarcodeDetector.getSupportedFormats()
    return formats.includes('qr_code') ? new BarcodeDetector({ formats: ['qr_code'] }) : null
  } catch {
    return null
  }
}

async function workerDetector(): Promise<{ detector: Detector; close: () => void }> {
  const mod = await import('qr-scanner')
  // Its types read as CommonJS under NodeNext; esbuild bundles its ES module, whose default is the class.
  const QrScanner = mod.default as unknown as typeof mod.default.default
  const engine = await QrScanner.createQrEngine()
  const canvas = document.createElement('canvas')
  return {
    detector: {
      async detect(video) {
        try {
          const result = await QrScanner.scanImage(video, {
            qrEngine: engine,
            canvas,
            returnDetailedScanResult: true,
          })
          return result.data ? [{ rawValue: result.data }] : []
        } catch {
          return [] // "No QR code found" is how qr-scanner says a frame had none.
        }
      },
    },
    close: () => {
      if (engine instanceof Worker) engine.terminate()
    },
  }
}

/** Opens the camera into `video` and calls `onCode` with each code read (the caller decides on repeats). */
export async function openCamera(video: HTMLVideoElement, onCode: (text: string) => void): Promise<Camera> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: { ideal: 'environment' } },
    audio: false,
  })
  video.srcObject = stream
  video.muted = true
  video.playsInline = true
  await video.play()
  const native = await nativeDetector()
  const fallback = native ? null : await workerDetector()
  const detector = native ?? fallback!.detector
  let stopped = false
  let timer = 0
  const tick = async () => {
    if (stopped) return
    if (video.readyState >= 2) {
      const codes = await detector.detect(video).catch(() => [])
      for (const code of codes) if (!stopped) onCode(code.rawValue)
    }
    if (!stopped) timer = window.setTimeout(tick, EVERY_MS)
  }
  void tick()
  return {
    decoder: native ? 'native' : 'qr-scanner',
    stop() {
      stopped = true
      window.clearTimeout(timer)
      for (const track of stream.getTracks()) track.stop()
      video.srcObject = null
      fallback?.close()
    },
  }
}
