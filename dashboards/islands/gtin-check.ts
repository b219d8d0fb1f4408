// <gtin-check>: says what is wrong with a GTIN as it is typed, with the same words the server gives on
// submit (contracts/src/gs1/gtin-problem.ts, bundled by path). It never blocks the form: the server decides.
// A plain custom element, not Lit: it only writes one line into the server's own live error element, and
// a product form should not load a template library for that.
import { gtinProblem } from '../../contracts/src/gs1/gtin-problem.ts'

class GtinCheck extends HTMLElement {
  private input: HTMLInputElement | null = null
  private message: HTMLElement | null = null

  connectedCallback() {
    this.input = this.querySelector('input')
    this.message = this.querySelector('.field-error')
    this.input?.addEventListener('input', this.onInput)
  }

  disconnectedCallback() {
    this.input?.removeEventListener('input', this.onInput)
  }

  private readonly onInput = () => {
    const input = this.input
    if (!input || !this.message) return
    const lang = this.dataset.lang === 'en' ? 'en' : 'vi'
    // Quiet while a number is still being typed: judged at a GTIN's lengths, past them, or on a non-digit.
    const digits = input.value.replace(/[\s-]/g, '')
    const judge = /\D/.test(digits) || [8, 12, 13, 14].includes(digits.length) || digits.length > 14
    const problem = judge ? gtinProblem(input.value) : null
    this.message.textContent = problem ? problem[lang] : ''
    if (problem) input.setAttribute('aria-invalid', 'true')
    else input.removeAttribute('aria-invalid')
  }
}

customElements.define('gtin-check', GtinCheck)
