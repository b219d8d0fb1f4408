// <label-issue>: the label issue form with a progress bar. Issuing is one synchronous request (the server
// draws N serials and signs N links in one transaction; there is no job or progress endpoint to poll), so
// the bar is indeterminate and says how many labels and how long so far, rather than a made-up percentage.
// The form is posted with fetch exactly as the browser would post it: a success follows the server's 303 to
// the labels page; a refusal's page replaces this one's main, reason beside the field. Without script the
// form posts as is.
import { html, LitElement } from 'lit'

class LabelIssue extends LitElement {
  static override properties = { busy: { state: true }, seconds: { state: true } }

  declare busy: boolean
  declare seconds: number
  private timer: ReturnType<typeof setInterval> | null = null

  constructor() {
    super()
    this.busy = false
    this.seconds = 0
  }

  // Light DOM: the console's stylesheet applies, and the bar goes after the server's form.
  override createRenderRoot() {
    return this
  }

  override connectedCallback() {
    super.connectedCallback()
    this.form()?.addEventListener('submit', this.submit)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.form()?.removeEventListener('submit', this.submit)
    this.stop()
  }

  private form(): HTMLFormElement | null {
    return this.querySelector('form')
  }

  private stop() {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private readonly submit = async (event: SubmitEvent) => {
    const form = this.form()
    if (!form || this.busy) return
    event.preventDefault()
    this.busy = true
    this.seconds = 0
    this.timer = setInterval(() => this.seconds++, 1000)
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]')
    if (button) button.disabled = true
    try {
      const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>)
      const res = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' })
      if (res.redirected && res.ok) {
        location.assign(res.url)
        return
      }
      const page = new DOMParser().parseFromString(await res.text(), 'text/html').querySelector('main')
      const main = document.querySelector('main')
      if (page && main) main.replaceWith(page)
      else form.submit()
    } catch {
      // No answer (the signal dropped): post the form the ordinary way, which shows the browser's own error.
      form.submit()
    } finally {
      this.stop()
      this.busy = false
      if (button) button.disabled = false
    }
  }

  override render() {
    if (!this.busy) return html``
    const count = this.form()?.querySelector<HTMLInputElement>('[name=count]')?.value ?? ''
    const text = (this.dataset.busy ?? '{count}').replace('{count}', count)
    const elapsed = (this.dataset.elapsed ?? '{s} s').replace('{s}', String(this.seconds))
    return html`<div class="issue-progress" role="status"><label for="issue-progress">${text}</label><progress id="issue-progress"></progress><span class="note">${elapsed}</span></div>`
  }
}

customElements.define('label-issue', LabelIssue)
