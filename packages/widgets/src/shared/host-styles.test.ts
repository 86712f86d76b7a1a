import { expect } from 'chai'
import { setViewport } from '@web/test-runner-commands'
import { $, $$, api, cleanup, fixtures, mount, nextEvent } from '../../test/browser-helpers.js'
import '../wegov.js'

/** What the page around a widget must not change inside it, and what a widget's blocks must not reserve. */
async function mounted(markup: string, container?: HTMLElement): Promise<HTMLElement & { updateComplete: Promise<unknown> }> {
  const element = mount<HTMLElement & { updateComplete: Promise<unknown> }>(markup, container)
  await nextEvent(element, 'wegov-loaded')
  await element.updateComplete
  return element
}

/** Inherited text properties as a partner's theme sets them (the hostile partner page of examples/ sets the same). */
const PARTNER_TEXT = 'line-height: 3; word-spacing: 0.3em; letter-spacing: 0.12em; text-transform: uppercase; font-style: italic; text-indent: 3em; text-align: justify'

describe('the host page', () => {
  afterEach(cleanup)

  const widgets = {
    petition: `<wegov-petition api="${api}" petition="${fixtures.petitions.open}" lang="fr"></wegov-petition>`,
    projects: `<wegov-projects api="${api}" lang="fr" limit="2"></wegov-projects>`,
    resources: `<wegov-resources api="${api}" collection="library" lang="ar"></wegov-resources>`,
  }
  for (const [name, markup] of Object.entries(widgets)) {
    it(`does not hand its text spacing, case, slant or indent down into the ${name} widget`, async () => {
      const section = mount(`<section style="${PARTNER_TEXT}"></section>`)
      // As on the partner page: `* { all: unset }` also makes the host itself inherit everything from the section.
      const reset = document.createElement('style')
      reset.dataset.test = 'reset'
      reset.textContent = 'wegov-petition, wegov-projects, wegov-resources { all: unset }'
      document.head.append(reset)
      const element = await mounted(markup, section)
      for (const selector of ['.base', 'h2', 'p']) {
        const style = getComputedStyle($(element, selector))
        const text = { wordSpacing: style.wordSpacing, letterSpacing: style.letterSpacing, textTransform: style.textTransform, fontStyle: style.fontStyle, textIndent: style.textIndent }
        expect(text, selector).to.deep.equal({ wordSpacing: '0px', letterSpacing: 'normal', textTransform: 'none', fontStyle: 'normal', textIndent: '0px' })
        expect(style.textAlign, selector).to.equal('start')
        expect(parseFloat(style.lineHeight) / parseFloat(style.fontSize), selector).to.be.below(2)
      }
    })
  }
})

describe('reserved heights', () => {
  afterEach(cleanup)
  before(() => setViewport({ width: 1000, height: 900 }))

  it('a short petition summary takes its own lines, with no blank band under it', async () => {
    const element = await mounted(`<wegov-petition api="${api}" petition="${fixtures.petitions.closed}" lang="en"></wegov-petition>`)
    const summary = $(element, '.summary')
    const range = document.createRange()
    range.selectNodeContents(summary)
    const lines = range.getClientRects().length
    expect(lines, 'a one-line summary').to.equal(1)
    expect(summary.getBoundingClientRect().height).to.be.closeTo(parseFloat(getComputedStyle(summary).lineHeight), 1)
  })

  it('a project card is as tall as its content, and opening one does not stretch its neighbours', async () => {
    const element = await mounted(`<wegov-projects api="${api}" lang="fr" limit="3"></wegov-projects>`)
    const cards = $$(element, '.card')
    const tops = cards.map((card) => Math.round(card.getBoundingClientRect().top))
    expect(new Set(tops).size, 'three cards in one row').to.equal(1)
    // The toggle sits one gap under the dates: no band of empty card between them.
    const gap = parseFloat(getComputedStyle(cards[0]!).rowGap)
    const dates = cards[0]!.querySelector('.card__dates')!.getBoundingClientRect()
    const toggle = cards[0]!.querySelector('.toggle')!.getBoundingClientRect()
    expect(toggle.top - dates.bottom).to.be.closeTo(gap, 1)
    const before = cards.map((card) => card.getBoundingClientRect().height)
    ;(cards[0]!.querySelector('.toggle') as HTMLButtonElement).click()
    await element.updateComplete
    const after = cards.map((card) => card.getBoundingClientRect().height)
    expect(after[0]).to.be.greaterThan(before[0]! + 50)
    expect(after.slice(1)).to.deep.equal(before.slice(1))
  })
})
