// <label-scan>: the scan page's camera and offline queue (issue 16). It wraps the page's form, which works
// without script (the server verifies and records); with script a label read by the camera, or a link typed
// or pasted, is verified here against the published keys, put in the IndexedDB queue and sent from there,
// so a scan without signal is kept and sent when the phone is back online.
import { LitElement } from 'lit'
import { enqueue, flushQueue, type QueuedEvent, queued, type SendOutcome } from './lib/event-queue.ts'
import { labelKeys } from './lib/jwks-cache.ts'
import { labelScanText } from './lib/label-scan-text.ts'
import { verifyLabel } from './lib/label-verify.ts'
import { type Camera, openCamera } from './lib/qr-camera.ts'
import './label-scan.css'

type Step = QueuedEvent['bizStep']

class LabelScan extends LitElement {
  private camera: Camera | null = null
  /** Codes read in this camera session: the camera sees one label many times a second. */
  private seen = new Set<string>()
  private place: string | undefined
  private readonly t = labelScanText(document.documentElement.lang)
  private readonly onOnline = () => void this.flush()

  // Light DOM: the island upgrades the server's form in place; it renders nothing of its own.
  override createRenderRoot() {
    return this
  }

  private piece<T extends Element>(name: string): T | null {
    return this.querySelector<T>(`[data-${name}]`)
  }

  private get form(): HTMLFormElement {
    return this.querySelector('form')!
  }

  override connectedCallback() {
    super.connectedCallback()
    const button = this.piece<HTMLButtonElement>('camera')
    if (button && 'mediaDevices' in navigator) {
      button.hidden = false
      button.setAttribute('aria-expanded', 'false')
      button.addEventListener('click', () => void this.toggleCamera(button))
    }
    this.form.addEventListener('submit', (event) => this.typed(event))
    window.addEventListener('online', this.onOnline)
    window.addEventListener('pagehide', () => this.camera?.stop())
    void this.flush()
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    window.removeEventListener('online', this.onOnline)
    this.camera?.stop()
    this.camera = null
  }

  private step(): Step {
    const checked = this.form.querySelector<HTMLInputElement>('input[name="bizStep"]:checked')
    return (checked?.value as Step | undefined) ?? 'receiving'
  }

  private say(message: string, bad = false) {
    const status = this.piece<HTMLElement>('status')
    if (!status) return
    status.textContent = message
    status.classList.toggle('bad', bad)
  }

  /** A link typed or pasted is verified here like a scanned one; a printed code goes to the server. */
  private typed(event: SubmitEvent) {
    const field = this.form.querySelector<HTMLInputElement>('input[name="code"]')!
    if (!field.value.includes('/')) {
      // A printed code is looked up by the server: without a network the form would only fail.
      if (navigator.onLine) return
      event.preventDefault()
      this.say(this.t.offlineCode, true)
      return
    }
    event.preventDefault()
    void this.handle(field.value).then((done) => {
      if (done) field.value = ''
    })
  }

  private async toggleCamera(button: HTMLButtonElement) {
    const viewfinder = this.piece<HTMLElement>('viewfinder')!
    if (this.camera) {
      this.camera.stop()
      this.camera = null
      viewfinder.hidden = true
      viewfinder.replaceChildren()
      button.textContent = button.dataset.open ?? button.textContent
      button.setAttribute('aria-expanded', 'false')
      return
    }
    button.dataset.open ??= button.textContent ?? ''
    const video = document.createElement('video')
    video.setAttribute('aria-hidden', 'true')
    viewfinder.replaceChildren(video)
    viewfinder.hidden = false
    this.seen.clear()
    this.locate()
    try {
      this.camera = await openCamera(video, (code) => {
        if (this.seen.has(code)) return
        this.seen.add(code)
        void this.handle(code)
      })
      this.dataset.decoder = this.camera.decoder
      button.textContent = this.t.closeCamera
      button.setAttribute('aria-expanded', 'true')
    } catch {
      viewfinder.hidden = true
      viewfinder.replaceChildren()
      this.say(this.t.cameraRefused, true)
    }
  }

  /** Where the phone is, coarsely (about 100 m) and only if the person allows it: never waited for. */
  private locate() {
    navigator.geolocation?.getCurrentPosition(
      ({ coords }) => {
        this.place = `${coords.latitude.toFixed(3)},${coords.longitude.toFixed(3)}`
      },
      () => undefined,
      { enableHighAccuracy: false, maximumAge: 600_000, timeout: 10_000 },
    )
  }

  /** Verifies one label and queues its event; true when it was accepted (queued). */
  private async handle(code: string): Promise<boolean> {
    const check = await verifyLabel(code, await labelKeys())
    if (!check.authentic) {
      this.say(this.t.forged[check.reason], true)
      return false
    }
    const event: QueuedEvent = {
      id: crypto.randomUUID(),
      lotId: check.lotId,
      bizStep: this.step(),
      time: new Date().toISOString(),
      ...(this.place ? { place: this.place } : {}),
      queuedAt: Date.now(),
    }
    await enqueue(event)
    this.say(this.t.queuedOffline(this.t.steps[event.bizStep]!, event.lotId))
    await this.flush()
    return true
  }

  private async flush() {
    const csrf = this.form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? ''
    const outcomes = await flushQueue(csrf).catch((): SendOutcome[] => [])
    for (const outcome of outcomes) this.show(outcome)
    const pending = this.piece<HTMLElement>('pending')
    if (pending) pending.textContent = this.t.pending((await queued().catch(() => [])).length)
  }

  private show(outcome: SendOutcome) {
    if (outcome.kind === 'stored') {
      const { event } = outcome
      this.say(this.t.recorded(this.t.steps[event.bizStep]!, event.lotId))
      const li = document.createElement('li')
      const strong = document.createElement('strong')
      strong.textContent = this.t.steps[event.bizStep]!
      li.append(strong, ` · ${this.t.lot} ${event.lotId}`)
      let list = document.querySelector('[data-recent]')
      if (!list) {
        list = document.createElement('ul')
        list.className = 'scan-list'
        list.setAttribute('data-recent', '')
        document.querySelector('[data-recent-none]')?.replaceWith(list)
      }
      list.prepend(li)
    } else if (outcome.kind === 'refused') {
      const li = document.createElement('li')
      li.textContent = this.t.refusal(outcome.event.lotId, outcome.status, outcome.code)
      this.piece<HTMLElement>('refused')?.append(li)
      this.say(li.textContent, true)
    }
  }
}

customElements.define('label-scan', LabelScan)
