import { expect } from 'chai'
import { sendKeys } from '@web/test-runner-commands'
import { $, $$, LANGS, addHostileStyles, api, axeViolations, cleanup, fixtures, mount, nextEvent, screenshot, until } from '../../test/browser-helpers.js'
import type { WeGovProjects } from './projects.component.js'
import './projects.js'

const TITLES = { en: 'Governance projects', fr: 'Projets de gouvernance', ar: 'مشاريع الحوكمة' }

async function mountProjects(attributes: string): Promise<WeGovProjects> {
  const element = mount<WeGovProjects>(`<wegov-projects api="${api}" ${attributes}></wegov-projects>`)
  await nextEvent(element, 'wegov-loaded')
  await element.updateComplete
  return element
}

const cardTitles = (element: Element) => $$(element, '.card__title').map((h) => h.textContent!.trim())

describe('<wegov-projects>', () => {
  afterEach(cleanup)

  for (const lang of LANGS) {
    describe(`in ${lang}`, () => {
      it('renders the first page with localized labels, then follows the cursor with "load more"', async () => {
        const element = await mountProjects(`lang="${lang}" limit="3"`)
        expect($(element, 'h2').textContent).to.equal(TITLES[lang])
        expect($(element, '.base').getAttribute('dir')).to.equal(lang === 'ar' ? 'rtl' : 'ltr')
        expect(getComputedStyle($(element, '.card')).direction).to.equal(lang === 'ar' ? 'rtl' : 'ltr')
        expect(cardTitles(element)).to.have.length(3)
        const themeOptions = [...($(element, 'select#theme') as HTMLSelectElement).options].map((o) => o.textContent)
        expect(themeOptions).to.include({ en: 'Local democracy', fr: 'Démocratie locale', ar: 'الديمقراطية المحلية' }[lang])
        const countryOptions = [...($(element, 'select#country') as HTMLSelectElement).options].map((o) => o.textContent)
        expect(countryOptions).to.include(new Intl.DisplayNames([lang], { type: 'region' }).of('TN'))

        await screenshot(`projects-${lang}`, 'wegov-projects')
        const seen = new Set(cardTitles(element))
        while ($$(element, 'button[part~="more"]').length > 0) {
          $(element, 'button[part~="more"]').click()
          await until(() => cardTitles(element).length > seen.size && !$$(element, 'button[part~="more"][disabled]').length)
          cardTitles(element).forEach((title) => seen.add(title))
          expect(element.shadowRoot!.activeElement?.classList.contains('card')).to.equal(true)
        }
        expect(seen.size).to.equal(fixtures.projects.total)
      })

      it('filters by country from the attribute and by theme from the select', async () => {
        const element = await mountProjects(`lang="${lang}" country="TN" limit="20"`)
        expect(cardTitles(element)).to.have.length(fixtures.projects.tunisia)
        const theme = $(element, 'select#theme') as HTMLSelectElement
        theme.value = 'youth'
        theme.dispatchEvent(new Event('change'))
        await until(() => cardTitles(element).length === 1)
        expect($(element, '.badge').textContent).to.equal({ en: 'Pipeline', fr: 'En préparation', ar: 'قيد الإعداد' }[lang])
      })

      it('has no axe violations, in light and dark', async () => {
        const light = await mountProjects(`lang="${lang}" limit="2"`)
        $(light, '.toggle').click()
        await light.updateComplete
        expect(await axeViolations(light)).to.deep.equal([])
        const dark = await mountProjects(`lang="${lang}" limit="2" color-scheme="dark"`)
        expect(getComputedStyle($(dark, '.base')).backgroundColor).to.equal('rgb(22, 25, 29)')
        expect(await axeViolations(dark)).to.deep.equal([])
      })
    })
  }

  it('searches on submit and says when nothing matches', async () => {
    const element = await mountProjects('lang="fr" limit="20"')
    const input = $(element, 'input#q') as HTMLInputElement
    input.value = 'Sfax'
    $(element, 'form button[type="submit"]').click()
    await until(() => cardTitles(element).length === 1)
    expect(cardTitles(element)[0]).to.equal('Budget participatif à Sfax')
    input.value = 'introuvablezzz'
    $(element, 'form button[type="submit"]').click()
    await until(() => $$(element, '.empty').length === 1)
    expect($(element, '.empty').textContent).to.contain('Aucun projet')
  })

  it('marks a title shown in a fallback language with its own lang and dir', async () => {
    const element = await mountProjects('lang="en" limit="20"')
    const fallback = $$(element, '.card__title').find((title) => title.textContent!.trim() === fixtures.projects.arabicOnlyTitle)
    expect(fallback?.getAttribute('lang')).to.equal('ar')
    expect(fallback?.getAttribute('dir')).to.equal('rtl')
  })

  it('expands details in place, or links to detail-url when given', async () => {
    const element = await mountProjects('lang="en" limit="1"')
    const toggle = $(element, '.toggle')
    expect(toggle.getAttribute('aria-expanded')).to.equal('false')
    toggle.click()
    await element.updateComplete
    expect(toggle.getAttribute('aria-expanded')).to.equal('true')
    expect($(element, '.details').hidden).to.equal(false)
    expect($(element, '.details').textContent).to.contain('Jasmine Foundation')

    const linked = await mountProjects('lang="fr" limit="1" detail-url="/fr/projets/{slug}"')
    expect($(linked, '.card__title a').getAttribute('href')).to.match(/^\/fr\/projets\/[a-z0-9-]+$/)
    expect($$(linked, '.toggle')).to.have.length(0)
  })

  it('renders two languages side by side on one page', async () => {
    const [arabic, french] = await Promise.all([mountProjects('lang="ar" limit="1"'), mountProjects('lang="fr" limit="1"')])
    expect($(arabic, 'h2').textContent).to.equal(TITLES.ar)
    expect($(french, 'h2').textContent).to.equal(TITLES.fr)
    expect(getComputedStyle($(arabic, '.base')).direction).to.equal('rtl')
    expect(getComputedStyle($(french, '.base')).direction).to.equal('ltr')
  })

  it('follows the nearest ancestor lang when it has none', async () => {
    const holder = mount<HTMLDivElement>('<div lang="fr"></div>')
    const element = mount<WeGovProjects>(`<wegov-projects api="${api}" limit="1"></wegov-projects>`, holder)
    await nextEvent(element, 'wegov-loaded')
    expect($(element, 'h2').textContent).to.equal(TITLES.fr)
    holder.setAttribute('lang', 'ar')
    await until(() => $(element, 'h2').textContent === TITLES.ar)
  })

  it('survives a hostile host stylesheet', async () => {
    addHostileStyles()
    const element = await mountProjects('lang="en" limit="2"')
    expect(getComputedStyle(element).display).to.equal('block')
    expect(getComputedStyle($(element, 'form')).display).to.not.equal('none')
    expect(getComputedStyle($(element, 'button')).color).to.not.equal('rgb(255, 0, 0)')
    expect($(element, '.card').getBoundingClientRect().height).to.be.greaterThan(100)
  })

  it('works with the keyboard alone: filter, then open details', async () => {
    const element = await mountProjects('lang="en" limit="20"')
    $(element, 'select#country').focus()
    await sendKeys({ press: 'Tab' })
    await sendKeys({ press: 'Tab' })
    await sendKeys({ press: 'Tab' })
    expect(element.shadowRoot!.activeElement?.id).to.equal('q')
    await sendKeys({ type: 'Amman' })
    await sendKeys({ press: 'Enter' })
    await until(() => cardTitles(element).length === 1)
    await sendKeys({ press: 'Tab' })
    await sendKeys({ press: 'Tab' })
    expect(element.shadowRoot!.activeElement?.classList.contains('toggle')).to.equal(true)
    await sendKeys({ press: 'Enter' })
    await until(() => $(element, '.toggle').getAttribute('aria-expanded') === 'true')
  })

  describe('error states', () => {
    it('says it is offline when the API cannot be reached, and retries', async () => {
      const element = mount<WeGovProjects>('<wegov-projects api="http://127.0.0.1:9" lang="fr"></wegov-projects>')
      const error = await nextEvent<CustomEvent>(element, 'wegov-error')
      expect(error.detail.code).to.equal('WEGOV_NETWORK')
      await element.updateComplete
      expect($(element, '[role="alert"]').dataset.problem).to.equal('offline')
      expect($(element, '[role="alert"]').textContent).to.contain('connexion')
      element.api = api
      await element.updateComplete
      await until(() => $$(element, '.card').length > 0)
    })

    it('offers a retry after a server error', async () => {
      const element = mount<WeGovProjects>(`<wegov-projects api="${location.origin}/failing-api/500" lang="ar"></wegov-projects>`)
      const error = await nextEvent<CustomEvent>(element, 'wegov-error')
      expect(error.detail.status).to.equal(500)
      await element.updateComplete
      expect(error.detail.message).to.equal($(element, '[role="alert"] p').textContent)
      expect($(element, '[part~="retry"]').textContent!.trim()).to.equal('حاول مرة أخرى')
    })

    it('shows how long to wait when rate limited', async () => {
      const element = mount<WeGovProjects>(`<wegov-projects api="${location.origin}/failing-api/429" lang="en"></wegov-projects>`)
      await nextEvent(element, 'wegov-error')
      await element.updateComplete
      expect($(element, '[role="alert"]').textContent).to.contain('42 seconds')
    })
  })
})
