import { expect } from 'chai'
import { sendKeys } from '@web/test-runner-commands'
import { $, $$, LANGS, api, axeViolations, cleanup, emailedCode, fixtures, lastMessageId, mount, nextEvent, uniqueEmail, until } from '../../test/browser-helpers.js'
import type { WeGovPetition } from './petition.component.js'
import './petition.js'

const { open } = fixtures.petitions

async function mountPetition(attributes: string): Promise<WeGovPetition> {
  const element = mount<WeGovPetition>(`<wegov-petition api="${api}" petition="${open}" ${attributes}></wegov-petition>`)
  await nextEvent(element, 'wegov-loaded')
  await element.updateComplete
  return element
}

async function openForm(element: WeGovPetition): Promise<HTMLFormElement> {
  $(element, '[part~="sign"]').click()
  return until(() => $$(element, '[part~="form"]')[0] as HTMLFormElement | undefined)
}

function field(element: Element, id: string): HTMLInputElement | HTMLTextAreaElement {
  return $(element, `#${id}`) as HTMLInputElement | HTMLTextAreaElement
}

const text = (element: Element, selector: string) => $(element, selector).textContent?.replace(/\s+/g, ' ').trim()

const LIMIT_REACHED = {
  en: 'You have reached the limit of 100 characters.',
  fr: 'Vous avez atteint la limite de 100 caractères.',
  ar: `لقد بلغت الحدّ الأقصى: ${new Intl.NumberFormat('ar').format(100)} حرف.`,
}
const COUNT = {
  en: '17 of 500 characters',
  fr: '17 caractères sur 500',
  ar: `عدد الأحرف: ${new Intl.NumberFormat('ar').format(17)} من ${new Intl.NumberFormat('ar').format(500)}`,
}
const HEADING = { en: 'Latest public signers', fr: 'Derniers signataires publics', ar: 'آخر الموقّعين علنًا' }

describe('<wegov-petition> comment, name limit and public signers', () => {
  afterEach(cleanup)

  for (const lang of LANGS) {
    it(`in ${lang}: says when a name is full and counts the comment's characters, announced, without axe violations`, async () => {
      const element = await mountPetition(`lang="${lang}"`)
      await openForm(element)
      const firstName = field(element, 'firstName')
      expect(firstName.maxLength).to.equal(100)
      expect(firstName.getAttribute('aria-describedby')).to.equal('firstName-limit')
      const limit = $(element, '#firstName-limit')
      expect(limit.getAttribute('role')).to.equal('status')
      expect(limit.textContent?.trim()).to.equal('')

      // Typed for real: the browser stops at maxlength, and the form says why.
      firstName.focus()
      await sendKeys({ type: 'A'.repeat(104) })
      expect(firstName.value).to.have.length(100)
      await until(() => text(element, '#firstName-limit') === LIMIT_REACHED[lang])

      const comment = field(element, 'comment') as HTMLTextAreaElement
      expect(comment.localName).to.equal('textarea')
      expect(comment.maxLength).to.equal(500)
      expect(comment.getAttribute('dir')).to.equal('auto')
      expect(comment.labels?.[0]?.textContent).to.contain({ en: 'Your comment', fr: 'Votre commentaire', ar: 'تعليقك' }[lang])
      expect(comment.getAttribute('aria-describedby')).to.equal('comment-hint comment-count comment-limit')
      comment.focus()
      await sendKeys({ type: 'Water for all now' })
      await until(() => text(element, '#comment-count') === COUNT[lang])
      expect(text(element, '#comment-limit')).to.equal('')
      expect(await axeViolations(element)).to.deep.equal([])
    })
  }

  it('lists the latest public signers with show-signers: a signer confirmed with a comment appears first, in every language', async () => {
    const element = await mountPetition('lang="ar" show-signers')
    await until(() => $$(element, '[part~="signers"]').length === 1)
    await openForm(element)
    const values = { firstName: 'سلمى', lastName: 'الحداد', email: uniqueEmail('public-signer'), city: 'تونس' }
    for (const [id, value] of Object.entries(values)) field(element, id).value = value
    ;($(element, '#display-public') as HTMLInputElement).click()
    const comment = 'الماء حق للجميع\n<b>now</b>'
    field(element, 'comment').value = comment
    ;($(element, '#consent-processing') as HTMLInputElement).click()
    const before = await lastMessageId(values.email)
    $(element, '[part~="submit"]').click()
    await until(() => $$(element, '#code').length === 1)
    field(element, 'code').value = await emailedCode(values.email, before)
    $(element, '[part~="confirm"]').click()
    // The list is read again after the confirmation.
    await until(() => $$(element, '.signer__name')[0]?.textContent === 'سلمى ح.')

    for (const lang of LANGS) {
      element.setAttribute('lang', lang)
      await until(() => $$(element, '#signers-title')[0]?.textContent === HEADING[lang] && $$(element, '.signer').length > 0)
      const section = $(element, '[part~="signers"]')
      expect(section.getAttribute('aria-labelledby')).to.equal('signers-title')
      const first = $$(element, '.signers__list > li.signer')[0]!
      expect(first.querySelector('bdi.signer__name')?.textContent).to.equal('سلمى ح.', 'the article ال is skipped in the initial')
      expect(first.querySelector('bdi:not(.signer__name)')?.textContent).to.equal('تونس')
      expect(first.textContent).to.contain(new Intl.DisplayNames([lang], { type: 'region' }).of('TN'))
      const time = first.querySelector('time')!
      expect(Number.isNaN(Date.parse(time.getAttribute('datetime')!))).to.equal(false)
      const shown = first.querySelector('.signer__comment')!
      expect(shown.getAttribute('dir')).to.equal('auto')
      expect(shown.textContent).to.equal(comment, 'the comment is text: its markup is shown, not applied')
      expect(shown.querySelector('b')).to.equal(null)
      expect(first.textContent).not.to.contain('الحداد')
      expect(first.textContent).not.to.contain(values.email)
      expect(await axeViolations(element)).to.deep.equal([])
    }
  })

  it('ties the API’s refusal of a country to the country field, in the widget’s language', async () => {
    const element = await mountPetition('lang="fr"')
    await openForm(element)
    const values = { firstName: 'Amal', lastName: 'Ben Ali', email: uniqueEmail('country') }
    for (const [id, value] of Object.entries(values)) field(element, id).value = value
    // A page script (or an outdated list) offering a code that is not an assigned ISO 3166-1 code.
    const select = $(element, '#country') as HTMLSelectElement
    select.append(new Option('Nowhere', 'ZZ'))
    select.value = 'ZZ'
    ;($(element, '#consent-processing') as HTMLInputElement).click()
    $(element, '[part~="submit"]').click()
    await until(() => select.getAttribute('aria-invalid') === 'true')
    expect(select.getAttribute('aria-describedby')).to.equal('country-error')
    expect(text(element, '#country-error')).to.equal('Choisissez votre pays de résidence dans la liste.')
    expect(element.shadowRoot!.activeElement).to.equal(select)
  })

  it('shows no list without show-signers', async () => {
    const element = await mountPetition('lang="en"')
    expect($$(element, '[part~="signers"]')).to.have.length(0)
    element.toggleAttribute('show-signers', true)
    await until(() => $$(element, '[part~="signers"]').length === 1)
    expect(text(element, '#signers-title')).to.equal('Latest public signers')
  })
})
