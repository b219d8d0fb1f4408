// <alert-live>: keeps the alert console's table current (ADR 0010). On each event of the alert stream it
// fetches the rows of the page's own filter from the server (`?fragment=rows`, rendered by the same code as
// the page) and swaps them in, so rows are rendered in one place. Bursts are coalesced: one fetch at a time
// and at most one more queued. It shows whether the stream is connected, announces how many alerts are new
// (not every row), and, when the person asked for it, beeps and vibrates on a new live critical alert.
import type { AlertEvent } from '@zonetrace/contracts'
import { html, LitElement } from 'lit'
import { rememberSound, soundAlarm, soundWanted, unlockSound } from './lib/alarm.ts'
import { listenToAlerts } from './lib/alert-stream.ts'
import { swapRows } from './lib/row-swap.ts'
import './alert-live.css'

class AlertLive extends LitElement {
  static override properties = {
    live: { state: true },
    sound: { state: true },
    announcement: { state: true },
  }

  declare live: boolean
  declare sound: boolean
  declare announcement: string
  private stopListening: (() => void) | null = null
  private fetching = false
  private queued = false
  private everLive = false

  constructor() {
    super()
    this.live = false
    this.sound = soundWanted()
    this.announcement = ''
  }

  // Light DOM, so the console's stylesheet applies; the controls go above the server's markup.
  override createRenderRoot() {
    this.renderOptions.renderBefore ??= this.firstChild
    return this
  }

  override connectedCallback() {
    super.connectedCallback()
    // A remembered choice still needs a gesture before the browser lets the page make sound.
    if (this.sound) document.addEventListener('pointerdown', unlockSound, { once: true })
    this.stopListening = listenToAlerts({
      onEvent: (event) => this.heard(event),
      onResync: () => void this.refresh(),
      onLive: (live) => {
        // Back after a gap: the stream replays what it can, the fetch shows the rows as they are now.
        if (live && this.everLive && !this.live) void this.refresh()
        this.everLive ||= live
        this.live = live
      },
    })
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.stopListening?.()
    this.stopListening = null
  }

  override render() {
    const d = this.dataset
    return html`<div class="live-bar">
<span class="live-state ${this.live ? 'on' : 'off'}">${this.live ? d.on : d.off}</span>
<label class="live-sound"><input type="checkbox" .checked=${this.sound} @change=${this.toggleSound}><span>${d.sound}<span class="hint">${d.soundHint}</span></span></label>
<p class="live-announce" aria-live="polite">${this.announcement}</p>
</div>`
  }

  private toggleSound(event: Event) {
    this.sound = (event.target as HTMLInputElement).checked
    rememberSound(this.sound)
    if (this.sound) unlockSound()
  }

  private heard(event: AlertEvent) {
    const { alert } = event
    if (this.sound && event.type === 'opened' && alert.severity === 'critical' && !alert.historical) {
      soundAlarm()
    }
    void this.refresh()
  }

  /** One fetch in flight; events meanwhile ask for one more, however many they are. */
  private async refresh() {
    if (this.fetching) {
      this.queued = true
      return
    }
    this.fetching = true
    try {
      do {
        this.queued = false
        await this.fetchRows()
      } while (this.queued)
    } finally {
      this.fetching = false
    }
  }

  private async fetchRows() {
    const src = this.getAttribute('src')
    const current = this.querySelector<HTMLTableSectionElement>('tbody#alert-rows')
    if (!src || !current) return
    let text: string
    try {
      // A session that ended redirects to sign-in: that is not a fragment, so keep what is shown.
      const res = await fetch(src, { cache: 'no-store', redirect: 'error' })
      if (!res.ok) return
      text = await res.text()
    } catch {
      return // offline for a moment: the next event or reconnect fetches again
    }
    const template = document.createElement('template')
    template.innerHTML = text
    const next = template.content.querySelector<HTMLTableSectionElement>('tbody#alert-rows')
    if (!next) return
    const added = swapRows(current, next)
    const count = template.content.querySelector('#alert-count')
    const shown = this.querySelector('#alert-count')
    if (count && shown && count.innerHTML !== shown.innerHTML) shown.replaceWith(count)
    const bulk = document.getElementById('bulk-ack')
    if (bulk) bulk.hidden = current.dataset.open === '0'
    if (added > 0) void this.announce((this.dataset.new ?? '{n}').replace('{n}', String(added)))
  }

  /** Emptied first, so the same words ("1 new alert") are read out again for the next one. */
  private async announce(text: string) {
    this.announcement = ''
    await this.updateComplete
    this.announcement = text
  }
}

customElements.define('alert-live', AlertLive)
