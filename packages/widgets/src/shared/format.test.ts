import { expect } from 'chai'
import { $, LANGS, api, axeViolations, cleanup, mount, nextEvent } from '../../test/browser-helpers.js'
import '../wegov.js'

/** Lists and amounts as people write them, in each widget language, read from what the widgets show. */
async function mounted(markup: string): Promise<HTMLElement & { updateComplete: Promise<unknown> }> {
  const element = mount<HTMLElement & { updateComplete: Promise<unknown> }>(markup)
  await nextEvent(element, 'wegov-loaded')
  await element.updateComplete
  return element
}

/** The digits of a shown number, whatever digits its language writes them with. */
const digits = (text: string) =>
  text.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/\D/g, '')

describe('formatting', () => {
  afterEach(cleanup)

  for (const lang of LANGS) {
    it(`a whole budget in dinars shows no decimals, in ${lang}`, async () => {
      const { items } = (await (await fetch(`${api}/v1/projects?country=TN&limit=1`)).json()) as { items: { budget: { amount: number; currency: string } }[] }
      const budget = items[0]!.budget
      expect(budget.currency).to.equal('TND')
      expect(Number.isInteger(budget.amount)).to.equal(true)
      const element = await mounted(`<wegov-projects api="${api}" lang="${lang}" country="TN" limit="1"></wegov-projects>`)
      $(element, '.toggle').click()
      await element.updateComplete
      const shown = [...element.shadowRoot!.querySelectorAll('.details dd')].map((dd) => dd.textContent!).find((text) => digits(text).startsWith(String(budget.amount).slice(0, 3)))!
      // "TND 120,000", not "TND 120,000.000": the dinar's three decimals are for amounts that have them.
      expect(digits(shown)).to.equal(String(budget.amount))
      expect(await axeViolations(element)).to.deep.equal([])
    })
  }

  it('joins a list with the language’s word, not an ampersand', async () => {
    const element = await mounted(`<wegov-projects api="${api}" lang="en" limit="1"></wegov-projects>`)
    const organisations = $(element, '.card__orgs').textContent!
    expect(organisations).to.match(/ and /)
    expect(organisations).to.not.contain('&')
  })
})
