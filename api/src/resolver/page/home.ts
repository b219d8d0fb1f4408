// The page at `/`: what zonetrace is, where its API is documented, and a form to check a label by typing
// the code printed under its QR symbol (for a phone that cannot scan, or a damaged print).
import { documentOf } from './document.ts'
import { html } from './escape.ts'
import type { Lang } from './i18n.ts'

const TEXT = {
  vi: {
    title: 'zonetrace: truy xuất nguồn gốc và giám sát vùng trồng',
    intro:
      'zonetrace ghi nhận chất lượng nước (độ mặn, pH, oxy hòa tan…) tại các vùng trồng và vùng nuôi ở Đồng bằng sông Cửu Long, và gắn mỗi lô hàng với mã vùng trồng và dữ liệu môi trường của nó. Quét mã QR trên tem để biết sản phẩm có chính hãng không, được trồng ở đâu và như thế nào.',
    check: 'Kiểm tra tem bằng mã số',
    codeLabel: 'Mã số in dưới mã QR (12 ký tự)',
    hint: 'Ví dụ: 9J8E X57X GNZT. Không phân biệt chữ hoa, chữ thường, dấu cách hay gạch ngang.',
    submit: 'Kiểm tra',
    notFound:
      'Không tìm thấy tem có mã này. Hãy kiểm tra lại từng ký tự; nếu vẫn không thấy, tem có thể là giả.',
    malformed: 'Mã số gồm 12 chữ cái và chữ số.',
    developers: 'Dành cho nhà phát triển',
    docs: 'Tài liệu API (OpenAPI)',
    keys: 'Khóa công khai xác minh tem',
    otherLang: 'English',
  },
  en: {
    title: 'zonetrace: traceability and growing-area monitoring',
    intro:
      'zonetrace records water quality (salinity, pH, dissolved oxygen…) in growing areas and ponds of the Mekong Delta, and ties each lot to its growing-area code and environmental record. Scan the QR code on a label to see whether the product is genuine, and where and how it grew.',
    check: 'Check a label by its code',
    codeLabel: 'The code printed under the QR symbol (12 characters)',
    hint: 'For example 9J8E X57X GNZT. Case, spaces and dashes do not matter.',
    submit: 'Check',
    notFound:
      'No label has this code. Check each character again; if it is still not found, the label may be fake.',
    malformed: 'A code has 12 letters and digits.',
    developers: 'For developers',
    docs: 'API documentation (OpenAPI)',
    keys: 'Public keys that verify labels',
    otherLang: 'Tiếng Việt',
  },
} as const

export type HomeProblem = 'notFound' | 'malformed'

export function renderHomePage(opts: { lang: Lang; code?: string; problem?: HomeProblem }): string {
  const t = TEXT[opts.lang]
  const other: Lang = opts.lang === 'vi' ? 'en' : 'vi'
  const header = html`<span>zonetrace</span><a class="lang" href="/?lang=${other}" hreflang="${other}" lang="${other}">${t.otherLang}</a>`
  const problem = opts.problem
    ? html`<p class="error" role="alert" id="code-error">${t[opts.problem]}</p>`
    : ''
  const describedBy = opts.problem ? 'code-hint code-error' : 'code-hint'
  const main = html`<section><h1>${t.title}</h1><p>${t.intro}</p></section><section><h2>${t.check}</h2>${problem}<form method="get" action="/check"><input type="hidden" name="lang" value="${opts.lang}"><label for="code">${t.codeLabel}</label><input id="code" name="code" value="${opts.code ?? ''}" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" required aria-describedby="${describedBy}"><p class="small" id="code-hint">${t.hint}</p><button type="submit">${t.submit}</button></form></section><section><h2>${t.developers}</h2><ul><li><a href="/docs">${t.docs}</a></li><li><a href="/.well-known/jwks.json">${t.keys}</a></li></ul></section>`
  return documentOf(opts.lang, t.title, header, main, '')
}
