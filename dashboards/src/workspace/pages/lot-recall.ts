// The recall's two pages: before, what it will reach (the lot and every lot split or merged from it, however
// far down) and a reason to give; after, the lots it reached. Only the form's button recalls.
import { formatDateTime, html, type Markup } from '@zonetrace/api'
import type { Lang, Lot } from '@zonetrace/contracts'
import { textFor } from '../../i18n.ts'
import { dispositionBadge, lotPath } from './lots.ts'
import { quantityText } from './lots-text.ts'

const VI = {
  title: (id: string) => `Thu hồi lô ${id}`,
  lead: 'Thu hồi không hoàn tác được. Mọi tem của các lô dưới đây sẽ báo "đã thu hồi" khi người tiêu dùng quét, và không in thêm tem cho chúng được nữa.',
  reaches: (n: number) => `Thu hồi sẽ áp dụng cho ${n} lô:`,
  derived: 'lô tạo ra từ lô này',
  reason: 'Lý do thu hồi',
  reasonHint: 'Người tiêu dùng thấy lý do này khi quét tem (1–500 ký tự).',
  confirm: 'Xác nhận thu hồi',
  cancel: 'Không thu hồi, quay lại lô',
  doneTitle: (id: string) => `Lô ${id} đã bị thu hồi`,
  done: (n: number) => `Đã thu hồi ${n} lô.`,
  reached: 'Các lô bị thu hồi',
  when: (at: string, reason: string) => `Thu hồi lúc ${at}. Lý do: ${reason}`,
  back: 'Quay lại lô',
}
type RecallText = typeof VI
const EN: RecallText = {
  title: (id) => `Recall lot ${id}`,
  lead: 'A recall cannot be undone. Every label of the lots below will read "recalled" when scanned, and no new labels can be issued for them.',
  reaches: (n) => `The recall will reach ${n} lots:`,
  derived: 'made from this lot',
  reason: 'Reason for the recall',
  reasonHint: 'Shoppers see this reason when they scan a label (1–500 characters).',
  confirm: 'Confirm the recall',
  cancel: 'Do not recall; back to the lot',
  doneTitle: (id) => `Lot ${id} is recalled`,
  done: (n) => `${n} lots recalled.`,
  reached: 'Lots recalled',
  when: (at, reason) => `Recalled at ${at}. Reason: ${reason}`,
  back: 'Back to the lot',
}
export const recallText = (lang: Lang): RecallText => (lang === 'vi' ? VI : EN)

function lotList(lang: Lang, lots: Lot[], rootId: string): Markup {
  const r = recallText(lang)
  return html`<ul class="lot-list">${lots.map(
    (l) =>
      html`<li class="lot-card${l.disposition === 'recalled' ? ' recalled' : ''}"><a href="${lotPath(l.id)}"><strong>${l.id}</strong></a>${
        l.id === rootId ? '' : html` <span class="note">(${r.derived})</span>`
      }<p>${quantityText(lang, l.quantity, l.unit)} · ${dispositionBadge(lang, l)}</p></li>`,
  )}</ul>`
}

export function recallConfirmMain(
  lang: Lang,
  view: { lot: Lot; reached: Lot[]; csrfToken: string; reason: string; error?: string | undefined },
): Markup {
  const r = recallText(lang)
  const { lot } = view
  const ids = `recall-reason-hint${view.error ? ' recall-reason-error' : ''}`
  return html`<h1>${r.title(lot.id)}</h1>
<div class="error" role="alert"><p><strong>${r.lead}</strong></p></div>
<h2>${r.reaches(view.reached.length)}</h2>${lotList(lang, view.reached, lot.id)}
<form class="panel ws-form" method="post" action="${lotPath(lot.id)}/recall" aria-label="${r.title(lot.id)}">
<input type="hidden" name="_csrf" value="${view.csrfToken}">
<div><label for="recall-reason">${r.reason}<span class="hint" id="recall-reason-hint">${r.reasonHint}</span></label>${
    view.error ? html`<span class="field-error" id="recall-reason-error">${view.error}</span>` : ''
  }<textarea id="recall-reason" name="reason" rows="3" maxlength="500" required aria-describedby="${ids}"${
    view.error ? html` aria-invalid="true"` : ''
  }>${view.reason}</textarea></div>
<button type="submit" class="warning">${r.confirm}</button></form>
<p><a href="${lotPath(lot.id)}">${r.cancel}</a></p>`
}

export function recallDoneMain(lang: Lang, view: { lot: Lot; reached: Lot[]; justNow: boolean }): Markup {
  const r = recallText(lang)
  const { lot } = view
  return html`<h1>${r.doneTitle(lot.id)}</h1>${
    view.justNow ? html`<div class="notice" role="status"><p>${r.done(view.reached.length)}</p></div>` : ''
  }<p>${r.when(formatDateTime(lot.recalledAt), lot.recallReason ?? '—')}</p>
<h2>${r.reached}</h2>${lotList(lang, view.reached, lot.id)}<p class="note">${textFor(lang).timeZoneNote}</p>
<p><a href="${lotPath(lot.id)}">${r.back}</a></p>`
}
