import { expect } from 'chai'
import { $$, LANGS, api, axeViolations, cleanup, fixtures, mount, nextEvent, shadow } from '../../test/browser-helpers.js'
import '../petition/petition.js'
import '../projects/projects.js'
import '../resources/resources.js'

/**
 * `no-heading`: a widget inside a page that already names it leaves out its own heading, and its region
 * keeps the name as an aria-label.
 */
async function mountWidget(markup: string): Promise<HTMLElement> {
  const element = mount<HTMLElement>(markup)
  await nextEvent(element, 'wegov-loaded')
  await (element as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete
  return element
}

const region = (element: Element) => shadow(element).querySelector('section.base')!

describe('no-heading', () => {
  afterEach(cleanup)

  for (const lang of LANGS) {
    it(`in ${lang}, the list widgets drop their heading and keep their region's name`, async () => {
      const library = await mountWidget(`<wegov-resources api="${api}" collection="library" no-heading lang="${lang}"></wegov-resources>`)
      expect($$(library, 'h2, [part~="title"]')).to.have.length(0)
      expect(region(library).getAttribute('aria-label')).to.equal({ en: 'Library', fr: 'Bibliothèque', ar: 'المكتبة' }[lang])
      expect(region(library).hasAttribute('aria-labelledby')).to.equal(false)
      // The page's h1 comes next: the items step up to level 2 rather than skip one.
      expect($$(library, '.item__title').map((title) => title.getAttribute('aria-level'))).to.deep.equal(['2', '2'])
      expect(await axeViolations(library)).to.deep.equal([])

      const projects = await mountWidget(`<wegov-projects api="${api}" no-heading lang="${lang}"></wegov-projects>`)
      expect($$(projects, 'h2')).to.have.length(0)
      expect(new Set($$(projects, '.card__title').map((title) => title.getAttribute('aria-level')))).to.deep.equal(new Set(['2']))
      expect(region(projects).getAttribute('aria-label')).to.equal({ en: 'Governance projects', fr: 'Projets de gouvernance', ar: 'مشاريع الحوكمة' }[lang])
      expect(await axeViolations(projects)).to.deep.equal([])
    })

    it(`in ${lang}, the petition drops its title and is named by it`, async () => {
      const petition = await mountWidget(`<wegov-petition api="${api}" petition="${fixtures.petitions.open}" no-heading lang="${lang}"></wegov-petition>`)
      expect($$(petition, 'h2')).to.have.length(0)
      const titled = await mountWidget(`<wegov-petition api="${api}" petition="${fixtures.petitions.open}" lang="${lang}"></wegov-petition>`)
      const title = $$(titled, 'h2#title')[0]!.textContent!.trim()
      expect(region(petition).getAttribute('aria-label')).to.equal(title)
      expect(region(titled).getAttribute('aria-labelledby')).to.equal('title')
      expect(await axeViolations(petition)).to.deep.equal([])
    })
  }
})
