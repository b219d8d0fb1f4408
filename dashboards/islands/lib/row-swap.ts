// Puts a freshly rendered table body in place of the one on screen without losing what the person is doing:
// rows that did not change stay the same elements (their ticked boxes, half-written notes and focus with
// them), changed rows are replaced and keep their ticks and notes, new rows are marked, and the focused
// control is focused again if its row had to be replaced.

const FOCUSABLE = 'a,button,input,select,textarea'
const MARK_MS = 4000

/** A row's cells without the per-answer CSRF tokens, to tell a changed row from the same row sent again
 *  (the row's own attributes are left out: the marks this file adds to it are not a change). */
function signature(row: Element): string {
  return row.innerHTML.replace(/name="_csrf" value="[^"]*"/g, '')
}

function carryOver(from: HTMLTableRowElement, to: HTMLTableRowElement): void {
  for (const box of from.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')) {
    const twin = to.querySelector<HTMLInputElement>(`input[type=checkbox][value="${CSS.escape(box.value)}"]`)
    if (twin) twin.checked = true
  }
  for (const field of from.querySelectorAll<HTMLInputElement>('input[id]:not([type])')) {
    const twin = to.querySelector<HTMLInputElement>(`#${CSS.escape(field.id)}`)
    if (twin && field.value) twin.value = field.value
  }
}

function mark(row: HTMLTableRowElement, kind: 'fresh' | 'changed'): void {
  row.classList.add(kind)
  setTimeout(() => row.classList.remove(kind), MARK_MS)
}

interface FocusSpot {
  rowId: string
  index: number
  selection: [number | null, number | null] | null
}

function focusSpot(body: HTMLElement): FocusSpot | null {
  const active = document.activeElement
  const row = active?.closest('tr')
  if (!(active instanceof HTMLElement) || !row?.id || !body.contains(row)) return null
  const index = [...row.querySelectorAll(FOCUSABLE)].indexOf(active)
  const selection =
    active instanceof HTMLInputElement && active.type === 'text'
      ? ([active.selectionStart, active.selectionEnd] as [number | null, number | null])
      : null
  return { rowId: row.id, index, selection }
}

function restoreFocus(body: HTMLElement, spot: FocusSpot): void {
  const row = body.querySelector(`#${CSS.escape(spot.rowId)}`)
  if (!row || row.contains(document.activeElement)) return
  const target = row.querySelectorAll<HTMLElement>(FOCUSABLE)[spot.index]
  if (!target) return
  target.focus({ preventScroll: true })
  if (spot.selection && target instanceof HTMLInputElement) {
    target.setSelectionRange(spot.selection[0], spot.selection[1])
  }
}

/** Swaps `next`'s rows into `current`; returns how many alerts are new. */
export function swapRows(current: HTMLTableSectionElement, next: HTMLTableSectionElement): number {
  const spot = focusSpot(current)
  const old = new Map<string, HTMLTableRowElement>()
  for (const row of current.rows) if (row.id) old.set(row.id, row)
  const incoming = [...next.rows]
  const keep = new Set(incoming.map((r) => r.id).filter(Boolean))
  // Rows that left the filter, and the "no alerts" row, which has no id.
  for (const row of [...current.rows]) if (!row.id || !keep.has(row.id)) row.remove()
  let added = 0
  const placed = incoming.map((row) => {
    const before = row.id ? old.get(row.id) : undefined
    if (!before) {
      if (row.id) {
        added++
        mark(row, 'fresh')
      }
      return row
    }
    if (signature(before) === signature(row)) return before
    carryOver(before, row)
    before.replaceWith(row)
    mark(row, 'changed')
    return row
  })
  // In order, moving only what is out of place, so an untouched focused control stays focused.
  let at = current.firstElementChild
  for (const row of placed) {
    if (row === at) at = at.nextElementSibling
    else current.insertBefore(row, at)
  }
  current.dataset.open = next.dataset.open ?? '0'
  if (spot) restoreFocus(current, spot)
  return added
}
