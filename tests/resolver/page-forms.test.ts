import { renderConsumerPage, renderMessagePage } from '@zonetrace/api'
import { type ConsumerView, verifyLabelUrl } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'
import { between, coconutView, en, event, ITEM, jwks, NOW, SELF, vi } from './consumer-view-fixture.ts'

describe('feedback form and links', () => {
  it('posts a required 1–5 rating, a bounded comment and the language to the feedback link', () => {
    const form = between(en(coconutView()), '<form', '</form>')
    expect(form).toContain(
      `method="post" action="/01/${ITEM.gtin}/10/${ITEM.lot}/21/${ITEM.serial}/feedback"`,
    )
    for (const n of [1, 2, 3, 4, 5]) {
      expect(form).toContain(`<input type="radio" id="rating-${n}" name="rating" value="${n}" required>`)
    }
    expect(form).toContain('<textarea id="comment" name="comment" maxlength="1000"')
    expect(form).toContain('<input type="hidden" name="lang" value="en">')
  })

  it('thanks after a stored feedback and explains a refused one', () => {
    const sent = vi(coconutView(), { feedbackSent: true })
    expect(sent).toContain('Cảm ơn bạn đã gửi đánh giá!')
    expect(sent).not.toContain('<form')
    const refused = en(coconutView(), { feedbackError: 'the comment is longer than 1000 characters' })
    expect(refused).toContain('Your feedback was not sent: the comment is longer than 1000 characters')
    expect(refused).toContain('<form')
  })

  it('switches language on the same signed link, keeping s and k so it still verifies', () => {
    const page = vi(coconutView())
    const href = /<a class="lang" href="([^"]+)" hreflang="en"/.exec(page)?.[1]
    expect(href).toBeDefined()
    const switched = new URL(href!.replaceAll('&amp;', '&'), SELF)
    const original = new URL(SELF)
    expect(switched.pathname).toBe(original.pathname)
    expect(switched.searchParams.get('s')).toBe(original.searchParams.get('s'))
    expect(switched.searchParams.get('k')).toBe(original.searchParams.get('k'))
    expect(switched.searchParams.get('lang')).toBe('en')
    expect(verifyLabelUrl(switched.href, jwks).authentic).toBe(true)
    // And back again from English, replacing rather than repeating lang.
    const back = /<a class="lang" href="([^"]+)" hreflang="vi"/.exec(en(coconutView()))?.[1]
    expect(back?.match(/lang=/g)).toHaveLength(1)
    expect(back).toContain('lang=vi')
  })

  it('links the EPCIS record, the verification keys and the linkset in the footer', () => {
    const foot = between(vi(coconutView()), '<footer>', '</footer>')
    expect(foot).toContain('<a href="/api/v1/lots/lot-ck2026-11/epcis">Hồ sơ EPCIS</a>')
    expect(foot).toContain('<a href="/.well-known/jwks.json">Khóa xác minh tem</a>')
    expect(foot).toContain(`<a href="/01/${ITEM.gtin}/10/${ITEM.lot}/21/${ITEM.serial}?linkType=linkset">`)
  })
})

describe('escaping of everything cooperatives and clients type', () => {
  const SCRIPT = '<script>alert(1)</script>'
  const BREAKOUT = '"><img src=x onerror=alert(2)>'
  const EVIL = `${SCRIPT}${BREAKOUT}`

  function hostileView(): ConsumerView {
    const view = coconutView()
    view.reason = 'recalled'
    view.product = { ...view.product, name: EVIL, nameEn: EVIL, certificateNo: EVIL }
    view.cooperative.name = EVIL
    view.lot = EVIL
    view.serial = EVIL
    view.lotInfo.recallReason = EVIL
    view.lotInfo.recalledAt = '2026-03-01T00:00:00Z'
    const area = view.areas[0]!
    Object.assign(area, { name: EVIL, code: EVIL, crop: EVIL })
    area.commune = { registeredCode: EVIL, code: EVIL, name: EVIL, formerName: EVIL }
    area.certifications[0]!.certificateNo = EVIL
    view.timeline = [event('x', 'shipping', '2026-02-12T00:00:00Z', EVIL, EVIL)]
    view.timeline[0]!.inputLots = [EVIL]
    view.evidence!.metrics[0]!.limits!.standard = EVIL
    view.links.epcis = `javascript:alert(3)`
    view.links.feedback = `${BREAKOUT}`
    view.links.self = `${SELF}&x=${encodeURIComponent(BREAKOUT)}`
    return view
  }

  it.each(['vi', 'en'] as const)('never emits a payload unescaped (%s)', (lang) => {
    const page = renderConsumerPage(hostileView(), {
      lang,
      now: NOW,
      feedbackError: EVIL,
    })
    expect(page).not.toContain(SCRIPT)
    expect(page).not.toContain('javascript:')
    expect(page).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;',
    )
    // Structurally: outside the fixed stylesheet, every tag and attribute is one the renderer writes itself,
    // so no payload has opened an element or an event-handler attribute anywhere.
    const markup = page.replace(/<style>[^<]*<\/style>/, '')
    const tag = /<\/?([a-z][a-z0-9-]*)((?:\s+[a-zA-Z][a-zA-Z0-9-]*(?:="[^"<>]*")?)*)\s*\/?>/gy
    const tags = new Set<string>()
    const attributes = new Set<string>()
    for (
      let i = markup.indexOf('<', '<!doctype html>'.length);
      i >= 0;
      i = markup.indexOf('<', tag.lastIndex)
    ) {
      tag.lastIndex = i
      const m = tag.exec(markup)
      expect(m, `well-formed tag at ${markup.slice(i, i + 60)}`).not.toBeNull()
      tags.add(m![1]!)
      for (const a of m![2]!.matchAll(/([a-zA-Z][a-zA-Z0-9-]*)(?:="[^"]*")?/g)) attributes.add(a[1]!)
      expect(markup.slice(tag.lastIndex, markup.indexOf('<', tag.lastIndex))).not.toContain('>')
    }
    const allowedTags =
      'html head meta title body header main footer section article span p h1 h2 h3 dl dt dd strong code ul li ol time svg desc text g rect path circle line a nav form input fieldset legend div label textarea button'
    expect([...tags].filter((t) => !allowedTags.split(' ').includes(t))).toEqual([])
    expect([...attributes].filter((a) => a.startsWith('on') || a === 'src' || a === 'style')).toEqual([])
  })
})

describe('message pages', () => {
  it.each([
    [400, 'Đường dẫn không hợp lệ', 'Malformed link'],
    [404, 'Không tìm thấy mã này', 'Code not found'],
    [429, 'Quá nhiều lượt quét', 'Too many scans'],
  ] as const)('renders %i with its title in both languages', (status, titleVi, titleEn) => {
    const viPage = renderMessagePage({ lang: 'vi', status, detail: 'Mã 01/08935049500018/21/ZZZ' })
    expect(viPage).toContain('<html lang="vi">')
    expect(viPage).toContain('<meta name="robots" content="noindex">')
    expect(viPage).toContain(`<title>${titleVi}</title>`)
    expect(viPage).toContain(`<h1>${titleVi}</h1><p>Mã 01/08935049500018/21/ZZZ</p>`)
    expect(renderMessagePage({ lang: 'en', status, detail: 'x' })).toContain(`<h1>${titleEn}</h1>`)
  })

  it('takes a custom title and escapes the detail', () => {
    const page = renderMessagePage({
      lang: 'en',
      status: 400,
      title: 'Bad GTIN',
      detail: '<script>x</script>',
    })
    expect(page).toContain('<h1>Bad GTIN</h1><p>&lt;script&gt;x&lt;/script&gt;</p>')
    expect(page).not.toContain('<script>')
  })
})
