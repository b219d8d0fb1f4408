// The optional alarm of the alert console: a short double beep made with the Web Audio API (no sound file
// to download) and a vibration where the device has one. Off unless the person turned it on; the choice is
// remembered in this browser only.
const KEY = 'zonetrace.alertSound'

export function soundWanted(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on'
  } catch {
    return false // storage refused (private mode, policy): the alarm stays off
  }
}

export function rememberSound(on: boolean): void {
  try {
    if (on) localStorage.setItem(KEY, 'on')
    else localStorage.removeItem(KEY)
  } catch {}
}

let context: AudioContext | null = null

/** Browsers let a page make sound only after a gesture: the checkbox's click is one, and so is any later
 *  tap or key when the choice was remembered from an earlier visit. */
export function unlockSound(): void {
  if (typeof AudioContext === 'undefined') return
  context ??= new AudioContext()
  if (context.state === 'suspended') void context.resume()
}

export function soundAlarm(): void {
  unlockSound()
  if (context) {
    const at = context.currentTime
    for (const start of [0, 0.3]) {
      const tone = context.createOscillator()
      const gain = context.createGain()
      tone.type = 'square'
      tone.frequency.value = 880
      // Ramped in and out, so the beep does not click.
      gain.gain.setValueAtTime(0.0001, at + start)
      gain.gain.exponentialRampToValueAtTime(0.2, at + start + 0.01)
      gain.gain.exponentialRampToValueAtTime(0.0001, at + start + 0.2)
      tone.connect(gain).connect(context.destination)
      tone.start(at + start)
      tone.stop(at + start + 0.22)
    }
  }
  if ('vibrate' in navigator) navigator.vibrate([200, 100, 200])
}
