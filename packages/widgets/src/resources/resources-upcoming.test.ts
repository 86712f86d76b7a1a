import { expect } from 'chai'
import { $, $$, LANGS, api, axeViolations, cleanup, mount, nextEvent } from '../../test/browser-helpers.js'
import type { WeGovResources } from './resources.component.js'
import './resources.js'

/** The attributes that turn the resource browser into a fixed list: `upcoming`, `no-filters`, and the past webinars' heading. */
async function mountResources(attributes: string): Promise<WeGovResources> {
  const element = mount<WeGovResources>(`<wegov-resources api="${api}" ${attributes}></wegov-resources>`)
  await nextEvent(element, 'wegov-loaded')
  await element.updateComplete
  return element
}

const titlesShown = (element: Element) => $$(element, '.item').map((item) => item.querySelector('.item__title')!.textContent!.trim())

describe('<wegov-resources> upcoming and no-filters', () => {
  afterEach(cleanup)

  for (const lang of LANGS) {
    it(`in ${lang}, upcoming lists only webinars to come, under "Upcoming webinars", with no controls`, async () => {
      const element = await mountResources(`collection="learning" upcoming no-filters lang="${lang}"`)
      expect($(element, 'h2').textContent).to.equal({ en: 'Upcoming webinars', fr: 'Webinaires à venir', ar: 'الندوات القادمة عبر الإنترنت' }[lang])
      const items = $$(element, '.item')
      expect(items.map((item) => item.dataset.kind)).to.deep.equal(['webinar'])
      const [join, calendar] = [...items[0]!.querySelectorAll('a')]
      expect(join!.getAttribute('href')).to.equal('https://meet.example.org/budget')
      // "Add to calendar": the webinar's iCalendar file from the API, its title in the widget's language.
      const title = { en: 'Webinar: participatory budgeting', fr: 'Webinaire : le budget participatif', ar: 'ندوة: الميزانية التشاركية' }[lang]
      const label = { en: 'Add to calendar', fr: 'Ajouter à mon agenda', ar: 'إضافة إلى التقويم' }[lang]
      expect(calendar!.textContent).to.equal(`${label}: ${title}`)
      expect(new URL(calendar!.href).searchParams.get('lang')).to.equal(lang)
      const response = await fetch(calendar!.href)
      expect(response.headers.get('content-type')).to.match(/^text\/calendar/)
      const ics = await response.text()
      expect(ics).to.match(/^BEGIN:VCALENDAR/)
      expect(ics).to.include(`SUMMARY:${title}`)
      expect($$(element, 'form, select, input, .section-title'), 'no kind filter, search box or sub-heading').to.have.length(0)
      expect(await axeViolations(element)).to.deep.equal([])
    })
  }

  it('ignores a kind given alongside upcoming, and keeps the search box without no-filters', async () => {
    const element = await mountResources('upcoming kind="article" lang="fr"')
    expect($$(element, '.item').map((item) => item.dataset.kind)).to.deep.equal(['webinar'])
    expect($$(element, 'select#kind')).to.have.length(0)
    expect($$(element, 'input#q')).to.have.length(1)
  })

  it('says so when no webinar is planned', async () => {
    // The library holds no webinar: the same state as a hub with none scheduled.
    const element = await mountResources('collection="library" upcoming no-filters lang="ar"')
    expect($$(element, '.item')).to.have.length(0)
    expect($(element, '[part~="empty"]').textContent!.trim()).to.equal('لا توجد ندوة عبر الإنترنت مبرمجة حاليًا.')
  })

  it('heads past webinars "Past webinars" when the kind is webinar, "All resources" otherwise', async () => {
    const webinars = await mountResources('collection="learning" kind="webinar" lang="fr"')
    const sectionTitles = (element: Element) => $$(element, '.section-title').map((title) => title.textContent!.trim())
    expect(sectionTitles(webinars)).to.deep.equal(['Webinaires à venir', 'Webinaires passés'])
    expect(titlesShown(webinars)).to.include('Webinaire passé : la transparence')
    const all = await mountResources('collection="learning" lang="fr"')
    expect(sectionTitles(all)).to.deep.equal(['Webinaires à venir', 'Toutes les ressources'])
  })

  it('without no-filters, the full browser is still there', async () => {
    const element = await mountResources('collection="learning" lang="en"')
    expect($$(element, 'select#kind, input#q')).to.have.length(2)
    expect($$(element, '[part~="upcoming"] .item')).to.have.length(1)
  })
})
