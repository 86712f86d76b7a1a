import { expect } from 'chai'
import { sendKeys } from '@web/test-runner-commands'
import { $, $$, LANGS, addHostileStyles, api, axeViolations, cleanup, mount, nextEvent, screenshot, until } from '../../test/browser-helpers.js'
import type { WeGovResources } from './resources.component.js'
import './resources.js'

async function mountResources(attributes: string): Promise<WeGovResources> {
  const element = mount<WeGovResources>(`<wegov-resources api="${api}" ${attributes}></wegov-resources>`)
  await nextEvent(element, 'wegov-loaded')
  await element.updateComplete
  return element
}

const kinds = (element: Element) => $$(element, '.item').map((item) => item.dataset.kind)

describe('<wegov-resources>', () => {
  afterEach(cleanup)

  for (const lang of LANGS) {
    describe(`in ${lang}`, () => {
      it('lists upcoming webinars first, with the date in the visitor’s time zone and a join link', async () => {
        const element = await mountResources(`collection="learning" lang="${lang}"`)
        expect($(element, 'h2').textContent).to.equal({ en: 'Learning', fr: 'Apprentissage', ar: 'التعلّم' }[lang])
        const upcoming = $(element, '[part~="upcoming"] .item')
        const time = upcoming.querySelector('time')!
        const expected = new Intl.DateTimeFormat(lang, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' })
        expect(time.textContent).to.equal(expected.format(new Date(time.getAttribute('datetime')!)))
        expect(upcoming.querySelector('a')!.getAttribute('href')).to.equal('https://meet.example.org/budget')
        expect(getComputedStyle($(element, '.base')).direction).to.equal(lang === 'ar' ? 'rtl' : 'ltr')
        await screenshot(`resources-learning-${lang}`, 'wegov-resources')
      })

      it('shows documents with file type, size and language badges', async () => {
        const element = await mountResources(`collection="library" lang="${lang}"`)
        expect(kinds(element)).to.deep.equal(['report', 'legal-text'])
        const badges = [...$(element, '[data-kind="report"]').querySelectorAll('.badge')].map((b) => b.textContent!.trim())
        expect(badges).to.include('PDF')
        expect(badges.some((b) => /2[.,٫]4/.test(b))).to.equal(true)
        expect(badges).to.include(new Intl.DisplayNames(['ar'], { type: 'language' }).of('ar'))
        expect($$(element, '[part~="upcoming"]')).to.have.length(0)
        await screenshot(`resources-library-${lang}`, 'wegov-resources')
      })

      it('has no axe violations, in light and dark', async () => {
        const light = await mountResources(`collection="learning" lang="${lang}"`)
        expect(await axeViolations(light)).to.deep.equal([])
        const dark = await mountResources(`collection="library" lang="${lang}" color-scheme="dark"`)
        expect(await axeViolations(dark)).to.deep.equal([])
      })
    })
  }

  it('loads no third-party player until the visitor asks for the video', async () => {
    const element = await mountResources('collection="learning" kind="video" lang="fr"')
    expect(kinds(element)).to.deep.equal(['video'])
    expect($$(element, 'iframe')).to.have.length(0)
    expect($(element, '[part~="play"]').textContent).to.contain('13 minutes')
    $(element, '[part~="play"]').click()
    // The player's code (video-embed.js) is loaded on that click.
    await until(() => $$(element, 'iframe').length > 0)
    expect($(element, 'iframe').getAttribute('src')).to.equal('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ')
    expect($(element, 'iframe').getAttribute('title')).to.equal('Vidéo : un conseil municipal ouvert')
  })

  it('filters by kind from the select, and pages with "load more"', async () => {
    const element = await mountResources('collection="learning" lang="en" limit="1"')
    expect(kinds(element)).to.deep.equal(['webinar', 'video'])
    while ($$(element, '[part~="more"]').length) {
      const before = kinds(element).length
      $(element, '[part~="more"]').click()
      await until(() => kinds(element).length > before)
    }
    expect(kinds(element).sort()).to.deep.equal(['guide', 'video', 'webinar', 'webinar'])
    const select = $(element, 'select#kind') as HTMLSelectElement
    select.value = 'guide'
    select.dispatchEvent(new Event('change'))
    await until(() => kinds(element).join() === 'guide')
  })

  it('names the resource in each action for screen readers, in the title’s own language', async () => {
    // The title's language is marked where it is read, so that a fallback title (another language than the
    // widget's) is read in its own voice.
    const element = await mountResources('collection="learning" kind="guide" lang="ar"')
    const title = $(element, '[data-kind="guide"] .item__title')
    const hidden = $(element, '[data-kind="guide"] a.button .visually-hidden span')
    expect(hidden.textContent).to.equal('دليل المساءلة الاجتماعية')
    expect(hidden.getAttribute('lang')).to.equal(title.getAttribute('lang'))
  })

  it('lists a project’s resources, of one collection or both', async () => {
    const both = await mountResources('project="budget-participatif-sfax" lang="fr"')
    expect(kinds(both).sort()).to.deep.equal(['guide', 'report'])
    const library = await mountResources('project="budget-participatif-sfax" collection="library" lang="fr"')
    expect(kinds(library)).to.deep.equal(['report'])
    library.setAttribute('project', 'acces-information-kef')
    await until(() => $$(library, '[part~="empty"]').length === 1)
    expect(kinds(library)).to.deep.equal([])
  })

  it('links each title to detail-url when given, and keeps the resource’s own action', async () => {
    const plain = await mountResources('collection="library" lang="fr"')
    expect($$(plain, '.item__title a')).to.have.length(0)
    const linked = await mountResources('collection="library" lang="ar" detail-url="/{lang}/resources/{slug}?from=widget"')
    const links = $$(linked, '.item__title a')
    expect(links).to.have.length(kinds(linked).length)
    for (const link of links) expect(link.getAttribute('href')).to.match(/^\/ar\/resources\/[a-z0-9-]+\?from=widget$/)
    expect(links[0]!.textContent!.trim()).to.equal($(linked, '.item__title').textContent!.trim(), 'the whole title is the link')
    expect($(linked, '[data-kind="report"] [part~="button"]').textContent).to.contain('تنزيل', 'the download stays')
    expect(await axeViolations(linked)).to.deep.equal([])
  })

  it('searches from the keyboard', async () => {
    const element = await mountResources('lang="fr"')
    $(element, 'input#q').focus()
    await sendKeys({ type: 'rapport' })
    await sendKeys({ press: 'Enter' })
    await until(() => kinds(element).join() === 'report')
  })

  it('renders two languages on one page and survives a hostile stylesheet', async () => {
    addHostileStyles()
    const [arabic, english] = await Promise.all([mountResources('collection="library" lang="ar"'), mountResources('collection="library" lang="en"')])
    expect($(arabic, 'h2').textContent).to.equal('المكتبة')
    expect($(english, 'h2').textContent).to.equal('Library')
    expect(getComputedStyle(arabic).display).to.equal('block')
    expect(getComputedStyle($(english, 'form')).display).to.equal('grid')
    expect($(english, '.item').getBoundingClientRect().height).to.be.greaterThan(100)
  })

  it('says it is offline, in the widget’s language', async () => {
    const element = mount<WeGovResources>('<wegov-resources api="http://127.0.0.1:9" lang="ar"></wegov-resources>')
    await nextEvent(element, 'wegov-error')
    await element.updateComplete
    expect($(element, '[role="alert"]').dataset.problem).to.equal('offline')
    expect($(element, '[part~="retry"]').textContent!.trim()).to.equal('حاول مرة أخرى')
  })
})
