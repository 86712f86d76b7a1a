import { expect } from 'chai'
import { setViewport } from '@web/test-runner-commands'
import { $, $$, api, axeViolations, cleanup, fixtures, mount, nextEvent, until } from '../test/browser-helpers.js'

/**
 * The built bundle as partners get it: wegov.js from the API's /widgets/ (another origin than this page,
 * so CORS and Cross-Origin-Resource-Policy are exercised), widgets without an `api` attribute (the
 * default is the script's origin), loaded twice, and the layout shift while widgets load.
 */
describe('wegov.js, the embed snippet', () => {
  afterEach(cleanup)

  it('defines the widgets a page uses, which find the API at the script’s origin', async () => {
    const petition = mount(`<wegov-petition petition="${fixtures.petitions.open}" lang="ar" partner="${fixtures.petitions.partner}"></wegov-petition>`)
    const projects = mount('<wegov-projects country="TN" theme="local-democracy" lang="fr"></wegov-projects>')
    const resources = mount('<wegov-resources collection="learning" kind="webinar" lang="en"></wegov-resources>')
    const loaded = Promise.all([petition, projects, resources].map((element) => nextEvent(element, 'wegov-loaded')))
    await import(`${api}/widgets/wegov.js`)
    await loaded
    expect($$(projects, '.card').length).to.equal(2)
    expect($(petition, '[part~="sign"]').textContent!.trim()).to.equal('وقّع هذه العريضة')
    expect($(resources, '[part~="upcoming"] a').getAttribute('href')).to.equal('https://meet.example.org/budget')
    for (const element of [petition, projects, resources]) expect(await axeViolations(element)).to.deep.equal([])
  })

  it('loads a widget added later, and survives the bundle being loaded twice', async () => {
    await import(`${api}/widgets/wegov.js`)
    const first = customElements.get('wegov-projects')
    // A second copy of the entries (another snippet, another query string) evaluates again: it must not throw.
    await import(`${api}/widgets/wegov.js?copy=2`)
    await import(`${api}/widgets/projects.js?copy=2`)
    expect(customElements.get('wegov-projects')).to.equal(first)
    const late = mount('<wegov-projects lang="en" limit="1"></wegov-projects>')
    await nextEvent(late, 'wegov-loaded')
    expect($$(late, '.card')).to.have.length(1)
  })

  it('loads the signing form’s messages with the form, not before the first render, and in the widget’s language', async () => {
    const consent = 'أوافق على أن يعالج WeGov' // the start of the Arabic consent to processing, a message of the form
    const petition = mount(`<wegov-petition petition="${fixtures.petitions.open}" lang="ar"></wegov-petition>`)
    const loaded = nextEvent(petition, 'wegov-loaded')
    await import(`${api}/widgets/wegov.js`)
    await loaded
    const bundleFiles = () => performance.getEntriesByType('resource').map((entry) => entry.name).filter((url) => url.startsWith(`${api}/widgets/`))
    const carrying = async (urls: string[]) => {
      const texts = await Promise.all(urls.map((url) => fetch(url).then((response) => response.text())))
      return urls.filter((_, index) => texts[index]!.includes(consent))
    }
    const beforeForm = bundleFiles()
    expect(beforeForm.some((url) => /\/chunks\/ar-/.test(url)), 'the Arabic chunk was loaded').to.equal(true)
    expect(await carrying(beforeForm), 'files loaded before the form opens that carry its messages').to.deep.equal([])
    $(petition, '[part~="sign"]').click()
    const form = await until(() => $$(petition, '[part~="form"]')[0])
    expect(form.textContent).to.contain(consent)
    expect(await carrying(bundleFiles().filter((url) => !beforeForm.includes(url)))).to.have.length(1)
  })

  it('shows a petition with its count in the render that shows it, not with 0 first', async () => {
    await import(`${api}/widgets/wegov.js`)
    const element = mount(`<wegov-petition petition="${fixtures.petitions.closed}" lang="fr"></wegov-petition>`)
    const loaded = nextEvent(element, 'wegov-loaded')
    await customElements.whenDefined('wegov-petition')
    const shown: string[] = []
    // Every value the count takes on screen, from the first render on.
    const observer = new MutationObserver(() => {
      const count = element.shadowRoot!.querySelector('.progress__count')?.textContent
      if (count !== undefined && count !== null && shown.at(-1) !== count) shown.push(count)
    })
    observer.observe(element.shadowRoot!, { subtree: true, childList: true, characterData: true })
    await loaded
    await (element as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete
    observer.disconnect()
    expect(shown).to.deep.equal(['42'])
  })

  // Lists reserve a full page (`limit` items and a "load more"); the library fixture has exactly two documents.
  // One widget at a time, at the top of the page: a shift below the fold is not counted, so a widget
  // mounted under another would pass whatever its skeleton did.
  // The API answers 400 ms late, so the skeleton is painted before the content replaces it.
  const slow = () => `api="${location.origin}/slow-api/400"`
  const widgets = {
    projects: () => `<wegov-projects ${slow()} lang="fr" limit="6"></wegov-projects>`,
    petition: () => `<wegov-petition ${slow()} petition="${fixtures.petitions.open}" lang="ar"></wegov-petition>`,
    resources: () => `<wegov-resources ${slow()} collection="library" lang="ar" limit="2"></wegov-resources>`,
  }
  for (const viewport of [{ width: 1000, height: 900 }, { width: 390, height: 844 }]) {
    for (const [name, markup] of Object.entries(widgets)) {
      it(`${name} reserves its final height while loading, ${viewport.width}px wide: layout shift at most 0.01`, async () => {
        await setViewport(viewport)
        await import(`${api}/widgets/wegov.js`)
        window.scrollTo(0, 0)
        let shift = 0
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) shift += entry.value
          }
        })
        observer.observe({ type: 'layout-shift' })
        const element = mount(markup())
        element.insertAdjacentHTML('afterend', '<p style="block-size: 100vh">The rest of the page</p>')
        expect(element.getBoundingClientRect().top).to.be.below(viewport.height / 2, 'the widget is in view')
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
        expect(element.shadowRoot!.querySelector('.skeleton'), 'the loading state was painted').to.not.equal(null)
        await nextEvent(element, 'wegov-loaded')
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
        observer.takeRecords().forEach((entry) => (shift += (entry as PerformanceEntry & { value: number }).value))
        observer.disconnect()
        expect(shift).to.be.at.most(0.01)
      })
    }
  }
})
