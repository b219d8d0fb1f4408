// The page `/check` answers when a typed label code finds no label: the problem in words, the form again
// with what was typed, and the way back to the public map at `/` (dashboards/src/public-map/), where the
// same form lives. Kept small and script-free: a shopper retyping a code needs nothing else.
import { documentOf } from './document.ts'
import { html } from './escape.ts'
import type { Lang } from './i18n.ts'

const TEXT = {
  vi: {
    intro:
      'zonetrace ghi nhận chất lượng nước (độ mặn, pH, oxy hòa tan…) tại các vùng trồng và vùng nuôi ở Đồng bằng sông Cửu Long, và gắn mỗi lô hàng với mã vùng trồng và dữ liệu môi trường của nó. Quét mã QR trên tem để biết sản phẩm có chính hãng không, được trồng ở đâu và như thế nào.',
    check: 'Kiểm tra tem bằng mã số',
    codeLabel: 'Mã số in dưới mã QR (12 ký tự)',
    hint: 'Ví dụ: 9J8E X57X GNZT. Không phân biệt chữ hoa, chữ thường, dấu cách hay gạch ngang.',
    submit: 'Kiểm tra',
    notFound:
      'Không tìm thấy tem có mã này. Hãy kiểm tra lại từng ký tự; nếu vẫn không thấy, tem có thể là giả.',
    malformed: 'Mã số gồm 12 chữ cái và chữ số.',
    map: 'Bản đồ vùng trồng',
    otherLang: 'English',
  },
  en: {
    intro:
      'zonetrace records water quality (salinity, pH, dissolved oxygen…) in growing areas and ponds of the Mekong Delta, and ties each lot to its growing-area code and environmental record. Scan the QR code on a label to see whether the product is genuine, and where and how it grew.',
    check: 'Check a label by its code',
    codeLabel: 'The code printed under the QR symbol (12 characters)',
    hint: 'For example 9J8E X57X GNZT. Case, spaces and dashes do not matter.',
    submit: 'Check',
    notFound:
      'No label has this code. Check each character again; if it is still not found, the label may be fake.',
    malformed: 'A code has 12 letters and digits.',
    map: 'Map of growing areas',
    otherLang: 'Tiếng Việt',
  },
} as const

export type CheckProblem = 'notFound' | 'malformed'

export function renderCheckPage(opts: { lang: Lang; code: string; problem: CheckProblem }): string {
  const t = TEXT[opts.lang]
  const other: Lang = opts.lang === 'vi' ? 'en' : 'vi'
  const again = `/check?code=${encodeURIComponent(opts.code)}&lang=${other}`
  const header = html`<a href="${opts.lang === 'vi' ? '/' : '/?lang=en'}">← ${t.map}</a><a class="lang" href="${again}" hreflang="${other}" lang="${other}">${t.otherLang}</a>`
  const main = html`<section><h1>${t.check}</h1><p class="error" role="alert" id="code-error">${t[opts.problem]}</p><form method="get" action="/check"><input type="hidden" name="lang" value="${opts.lang}"><label for="code">${t.codeLabel}</label><input id="code" name="code" value="${opts.code}" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" required aria-invalid="true" aria-describedby="code-error code-hint"><p class="small" id="code-hint">${t.hint}</p><button type="submit">${t.submit}</button></form></section><section><p>${t.intro}</p></section>`
  return documentOf(opts.lang, `${t.check} · zonetrace`, header, main, '')
}
