import { expect } from 'chai'
import { $, $$, LANGS, api, axeViolations, cleanup, fixtures, mount, nextEvent, uniqueEmail, until } from '../../test/browser-helpers.js'
import '../wegov.js'

/**
 * Direction and alignment of what visitors type and of what the API sends, in every widget language:
 * emails and codes run left to right even in Arabic, and a block of user text follows its own script.
 */
async function mounted(markup: string): Promise<HTMLElement & { updateComplete: Promise<unknown> }> {
  const element = mount<HTMLElement & { updateComplete: Promise<unknown> }>(markup)
  await nextEvent(element, 'wegov-loaded')
  await element.updateComplete
  return element
}

const direction = (element: Element) => getComputedStyle(element).direction

/** Where the first line of a block's text starts, from the block's own left edge, in px. */
function firstLineOffset(block: HTMLElement): { fromLeft: number; fromRight: number } {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, { acceptNode: (node) => (node.textContent!.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) })
  const range = document.createRange()
  range.selectNodeContents(walker.nextNode()!)
  const line = range.getClientRects()[0]!
  const box = block.getBoundingClientRect()
  return { fromLeft: line.left - box.left, fromRight: box.right - line.right }
}

describe('text direction', () => {
  afterEach(cleanup)

  for (const lang of LANGS) {
    it(`the email field runs left to right in a ${lang} form, the name fields follow the page`, async () => {
      const element = await mounted(`<wegov-petition api="${api}" petition="${fixtures.petitions.open}" lang="${lang}"></wegov-petition>`)
      $(element, '[part~="sign"]').click()
      const email = await until(() => element.shadowRoot!.querySelector<HTMLInputElement>('#email'))
      expect(email.getAttribute('dir')).to.equal('ltr')
      expect(direction(email)).to.equal('ltr')
      expect(direction($(element, '#firstName'))).to.equal(lang === 'ar' ? 'rtl' : 'ltr')
      expect(await axeViolations(element)).to.deep.equal([])
    })
  }

  it('the emailed code runs left to right in an Arabic form', async () => {
    const element = await mounted(`<wegov-petition api="${api}" petition="${fixtures.petitions.open}" lang="ar"></wegov-petition>`)
    $(element, '[part~="sign"]').click()
    const form = await until(() => element.shadowRoot!.querySelector<HTMLFormElement>('[part~="form"]'))
    ;(form.querySelector('#firstName') as HTMLInputElement).value = 'سلمى'
    ;(form.querySelector('#lastName') as HTMLInputElement).value = 'بن علي'
    ;(form.querySelector('#email') as HTMLInputElement).value = uniqueEmail('rtl-code')
    ;(form.querySelector('#consent-processing') as HTMLInputElement).click()
    $(element, '[part~="submit"]').click()
    const code = await until(() => element.shadowRoot!.querySelector<HTMLInputElement>('#code'))
    expect(direction(code)).to.equal('ltr')
    expect(await axeViolations(element)).to.deep.equal([])
  })

  it('an English summary in an Arabic widget runs, aligns and is cut off left to right', async () => {
    const element = await mounted(`<wegov-resources api="${api}" collection="learning" kind="guide" lang="ar"></wegov-resources>`)
    const summary = $(element, '.item[data-kind="guide"] .item__summary')
    expect(summary.getAttribute('lang'), 'written in the Arabic field: the API says ar').to.equal('ar')
    expect(direction(summary)).to.equal('ltr')
    expect(summary.scrollHeight, 'long enough to be cut off').to.be.greaterThan(summary.clientHeight)
    // Aligned to the start of its own text (the left), so the "…" of the cut lands at its end.
    expect(firstLineOffset(summary).fromLeft).to.be.below(1)
    // The widget around it is still right to left.
    expect(direction($(element, '.base'))).to.equal('rtl')
    expect(await axeViolations(element)).to.deep.equal([])
  })

  it('a fallback text takes its own language and direction on its block', async () => {
    const english = await mounted(`<wegov-projects api="${api}" lang="en" limit="20"></wegov-projects>`)
    const title = $$(english, '.card__title').find((h) => h.textContent!.trim() === fixtures.projects.arabicOnlyTitle)!
    expect(title.getAttribute('lang')).to.equal('ar')
    expect(direction(title)).to.equal('rtl')
    // Right-aligned as Arabic is, not pushed to the left edge of an English card.
    expect(firstLineOffset(title).fromRight).to.be.below(1)
    const french = await mounted(`<wegov-resources api="${api}" collection="learning" kind="guide" lang="fr"></wegov-resources>`)
    const summary = $(french, '.item[data-kind="guide"] .item__summary')
    expect([summary.getAttribute('lang'), direction(summary)]).to.deep.equal(['en', 'ltr'])
  })
})
