import { expect } from 'chai'
import { sendKeys } from '@web/test-runner-commands'
import {
  $, $$, LANGS, addHostileStyles, api, axeViolations, cleanup, emailedCode, fixtures, lastMessageId, mount, nextEvent, screenshot, uniqueEmail, until,
} from '../../test/browser-helpers.js'
import type { WeGovPetition } from './petition.component.js'
import './petition.js'

const { open, closed, partner } = fixtures.petitions

async function mountPetition(attributes: string): Promise<WeGovPetition> {
  const element = mount<WeGovPetition>(`<wegov-petition api="${api}" ${attributes}></wegov-petition>`)
  await nextEvent(element, 'wegov-loaded')
  await element.updateComplete
  return element
}

/** Presses "Sign this petition" (unless the form is open already) and waits for the form it opens. */
async function openForm(element: WeGovPetition): Promise<HTMLFormElement> {
  if ($$(element, '[part~="form"]').length === 0) $(element, '[part~="sign"]').click()
  return until(() => $$(element, '[part~="form"]')[0] as HTMLFormElement | undefined)
}

function input(element: Element, id: string): HTMLInputElement {
  return $(element, `#${id}`) as HTMLInputElement
}

function fill(element: Element, values: { firstName?: string; lastName?: string; email?: string; city?: string }) {
  for (const [id, value] of Object.entries(values)) input(element, id).value = value
}

async function signAndConfirm(element: WeGovPetition, email: string) {
  await openForm(element)
  fill(element, { firstName: 'Leïla', lastName: 'Ben Salah', email })
  input(element, 'consent-processing').click()
  const before = await lastMessageId(email)
  $(element, '[part~="submit"]').click()
  await until(() => $$(element, '#code').length === 1)
  input(element, 'code').value = await emailedCode(email, before)
  const signed = nextEvent<CustomEvent>(element, 'wegov-signed')
  $(element, '[part~="confirm"]').click()
  return signed
}

const THANKS = { en: 'Thank you! Your signature is confirmed.', fr: 'Merci ! Votre signature est confirmée.', ar: 'شكرًا لك! تم تأكيد توقيعك.' }

describe('<wegov-petition>', () => {
  afterEach(cleanup)

  for (const lang of LANGS) {
    describe(`in ${lang}`, () => {
      it('shows the petition, then signs it with the emailed code, attributed to the partner', async () => {
        const element = await mountPetition(`petition="${open}" lang="${lang}" partner="${partner}"`)
        expect($(element, 'h2').textContent).to.equal({ en: 'Clean water for Kasserine', fr: 'De l’eau potable pour Kasserine', ar: 'ماء صالح للشرب لالقصرين' }[lang])
        expect($(element, '.target').textContent).to.contain({ en: 'Kasserine municipal council', fr: 'Conseil municipal de Kasserine', ar: 'المجلس البلدي بالقصرين' }[lang])
        expect(getComputedStyle($(element, '.base')).direction).to.equal(lang === 'ar' ? 'rtl' : 'ltr')
        expect($(element, '[role="progressbar"]').getAttribute('aria-valuemax')).to.equal('500')
        expect($(element, '.progress').textContent).to.contain(new Intl.NumberFormat(lang, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(20))
        await screenshot(`petition-${lang}`, 'wegov-petition')
        // The form is one press away; its heading takes the focus, so screen readers announce it.
        expect($$(element, '[part~="form"]')).to.have.length(0)
        await openForm(element)
        await element.updateComplete
        expect(element.shadowRoot!.activeElement).to.equal($(element, '#form-title'))
        // Consents start unticked; the country defaults to the partner's, and every country is listed by name.
        expect($$(element, 'input[type="checkbox"]').every((box) => !(box as HTMLInputElement).checked)).to.equal(true)
        expect(($(element, '#country') as HTMLSelectElement).value).to.equal('TN')
        expect($(element, '#country option[value="FR"]').textContent).to.equal(new Intl.DisplayNames([lang], { type: 'region' }).of('FR'))
        expect($$(element, '#country option:not([disabled])')).to.have.length(250)
        await screenshot(`petition-${lang}-form`, 'wegov-petition')

        const countBefore = Number($(element, '[role="progressbar"]').getAttribute('aria-valuenow'))
        const email = uniqueEmail(`sign-${lang}`)
        const signed = await signAndConfirm(element, email)
        expect(signed.detail).to.deep.equal({ petition: open, partner, confirmed: true })
        await until(() => $$(element, '[part~="thanks"]').length === 1)
        expect($(element, '.step-title').textContent).to.equal(THANKS[lang])
        expect(element.shadowRoot!.activeElement).to.equal($(element, '.step-title'))
        await until(() => Number($(element, '[role="progressbar"]').getAttribute('aria-valuenow')) > countBefore)
        const count = await (await fetch(`${api}/v1/petitions/${open}/count`)).json()
        expect(count.bySource.some((source: { partner: string | null }) => source.partner === partner)).to.equal(true)
        await screenshot(`petition-${lang}-thanks`, 'wegov-petition')
      })

      it('has no axe violations: petition, form errors, code step, closed petition, in light and dark', async () => {
        const element = await mountPetition(`petition="${open}" lang="${lang}"`)
        expect(await axeViolations(element)).to.deep.equal([])
        await openForm(element)
        expect(await axeViolations(element)).to.deep.equal([])
        $(element, '[part~="submit"]').click()
        await until(() => $$(element, '[aria-invalid="true"]').length === 4)
        expect(await axeViolations(element)).to.deep.equal([])
        const dark = await mountPetition(`petition="${closed}" lang="${lang}" color-scheme="dark"`)
        expect(await axeViolations(dark)).to.deep.equal([])
      })
    })
  }

  it('ties each error to its field, announces it and focuses the first one', async () => {
    const element = await mountPetition(`petition="${open}" lang="fr"`)
    await openForm(element)
    fill(element, { firstName: 'Sami', email: 'pas-une-adresse' })
    $(element, '[part~="submit"]').click()
    await until(() => $$(element, '.error-text').length === 3)
    const email = input(element, 'email')
    expect(email.getAttribute('aria-invalid')).to.equal('true')
    expect(element.shadowRoot!.getElementById(email.getAttribute('aria-describedby')!)!.textContent).to.contain('adresse e-mail valide')
    expect(element.shadowRoot!.activeElement).to.equal(input(element, 'lastName'))
    expect(input(element, 'firstName').getAttribute('aria-invalid')).to.equal('false')
  })

  it('keeps the honeypot out of sight, out of the tab order and out of the accessibility tree', async () => {
    const element = await mountPetition(`petition="${open}" lang="en"`)
    await openForm(element)
    const honeypot = input(element, 'website')
    expect(honeypot.tabIndex).to.equal(-1)
    expect(honeypot.getAttribute('autocomplete')).to.equal('off')
    expect(honeypot.closest('[aria-hidden="true"]')).to.not.equal(null)
    expect(honeypot.closest('[aria-hidden="true"]')!.getBoundingClientRect().width).to.be.at.most(1)
    expect(getComputedStyle(honeypot.closest('[aria-hidden="true"]')!).clipPath).to.equal('inset(50%)')
  })

  it('asks for the code again when the address had already signed, and refuses a wrong code clearly', async () => {
    const email = uniqueEmail('twice')
    const first = await mountPetition(`petition="${open}" lang="en"`)
    await signAndConfirm(first, email)
    cleanup()
    const again = await mountPetition(`petition="${open}" lang="en"`)
    await openForm(again)
    fill(again, { firstName: 'Leïla', lastName: 'Ben Salah', email })
    input(again, 'consent-processing').click()
    $(again, '[part~="submit"]').click()
    await until(() => $$(again, '#code').length === 1)
    expect($(again, '[part~="code-form"]').textContent).to.contain('If you had already signed this petition')
    const code = input(again, 'code')
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code')
    expect(code.getAttribute('inputmode')).to.equal('numeric')
    code.value = '000000'
    $(again, '[part~="confirm"]').click()
    await until(() => code.getAttribute('aria-invalid') === 'true')
    expect($(again, '#code-error').textContent!.length).to.be.greaterThan(5)
  })

  it('says kindly when the petition is closed, and shows the official response', async () => {
    const element = await mountPetition(`petition="${closed}" lang="ar"`)
    expect($$(element, 'form, [part~="sign"]')).to.have.length(0)
    expect($(element, '[data-problem="closed"]').textContent).to.contain('هذه العريضة مغلقة')
    expect($(element, '[part~="response"]').textContent).to.contain('ستنشر البلدية الميزانية')
    expect($$(element, '[part~="response"] a')).to.have.length(0, 'no document link without a document')
    expect($(element, '.progress__count').textContent).to.equal(new Intl.NumberFormat('ar').format(42), 'the online count')
    expect($(element, '.paper').textContent).to.contain(new Intl.NumberFormat('ar').format(180), 'the paper count, apart')
    await screenshot('petition-ar-closed', 'wegov-petition')
  })

  for (const lang of LANGS) {
    it(`says in ${lang} that a petition was responded to, beside its title`, async () => {
      const element = await mountPetition(`petition="${closed}" lang="${lang}"`)
      expect($(element, '[part~="state"]').textContent!.trim()).to.equal({ en: 'Responded', fr: 'Répondue', ar: 'تم الرد' }[lang])
    })
  }

  it('shows no state for an open petition short of the response threshold', async () => {
    const element = await mountPetition(`petition="${open}" lang="fr"`)
    expect($$(element, '[part~="state"]')).to.have.length(0)
  })

  for (const lang of LANGS) {
    it(`shows in ${lang} the paper signatures apart from the online ones`, async () => {
      const element = await mountPetition(`petition="${closed}" lang="${lang}"`)
      const paper = new Intl.NumberFormat(lang).format(180)
      expect($(element, '.paper').textContent!.trim()).to.equal(
        { en: `+ ${paper} on paper`, fr: `+ ${paper} sur papier`, ar: `+ ${paper} على الورق` }[lang],
      )
    })

    it(`offers the response consent in ${lang}, unticked`, async () => {
      const element = await mountPetition(`petition="${open}" lang="${lang}"`)
      expect($$(element, '.paper')).to.have.length(0, 'nor a paper line without paper signatures')
      await openForm(element)
      const box = input(element, 'consent-response')
      expect(box.checked).to.equal(false)
      expect($(element, 'label[for="consent-response"]').textContent).to.equal(
        { en: 'Tell me about this petition’s response (optional).', fr: 'Informez-moi de la réponse à cette pétition (facultatif).', ar: 'أبلغوني بالرد على هذه العريضة (اختياري).' }[lang],
      )
    })
  }

  it('signs with the response consent ticked', async () => {
    const element = await mountPetition(`petition="${open}" lang="fr"`)
    await openForm(element)
    input(element, 'consent-response').click()
    const signed = await signAndConfirm(element, uniqueEmail('response'))
    expect(signed.detail.confirmed).to.equal(true)
  })

  it('shows the wait time when the API rate-limits the address', async () => {
    const email = uniqueEmail('limited')
    let element: WeGovPetition | undefined
    // The test API refuses a third signature from one address within its window (WEGOV_SIGN_EMAIL_REFUSE_AT=2).
    for (let attempt = 0; attempt < 3; attempt++) {
      cleanup()
      element = await mountPetition(`petition="${open}" lang="fr"`)
      await openForm(element)
      fill(element, { firstName: 'Nour', lastName: 'Haddad', email })
      input(element, 'consent-processing').click()
      $(element, '[part~="submit"]').click()
      await until(() => $$(element!, '#code').length === 1 || $$(element!, '[data-problem]').length === 1)
    }
    const problem = $(element!, '[data-problem]')
    expect(problem.dataset.problem).to.equal('rate-limited')
    expect(problem.textContent).to.match(/Patientez \d+/)
  })

  it('says when the petition does not exist', async () => {
    const element = mount<WeGovPetition>(`<wegov-petition api="${api}" petition="no-such-petition" lang="fr"></wegov-petition>`)
    const error = await nextEvent<CustomEvent>(element, 'wegov-error')
    expect(error.detail.code).to.equal('WEGOV_NOT_FOUND')
    await element.updateComplete
    expect($(element, '[role="alert"]').dataset.problem).to.equal('not-found')
    expect($$(element, '[part~="retry"]')).to.have.length(0)
  })

  it('offers a retry after a server error', async () => {
    const element = mount<WeGovPetition>(`<wegov-petition api="${location.origin}/failing-api/503" petition="${open}" lang="en"></wegov-petition>`)
    await nextEvent(element, 'wegov-error')
    await element.updateComplete
    expect($(element, '[role="alert"]').dataset.problem).to.equal('server')
    element.api = api
    $(element, '[part~="retry"]').click()
    await nextEvent(element, 'wegov-loaded')
  })

  it('signs with the keyboard alone', async () => {
    const element = await mountPetition(`petition="${open}" lang="ar"`)
    $(element, '[part~="sign"]').focus()
    await sendKeys({ press: 'Enter' })
    await until(() => element.shadowRoot!.activeElement?.id === 'form-title')
    await sendKeys({ press: 'Tab' }) // first name
    await sendKeys({ type: 'سلمى' })
    await sendKeys({ press: 'Tab' })
    await sendKeys({ type: 'الطرابلسي' })
    await sendKeys({ press: 'Tab' })
    const email = uniqueEmail('keyboard')
    await sendKeys({ type: email })
    await sendKeys({ press: 'Tab' }) // country
    await sendKeys({ press: 'Tab' }) // city
    await sendKeys({ press: 'Tab' }) // display: the checked radio
    await sendKeys({ press: 'Tab' }) // comment
    expect(element.shadowRoot!.activeElement?.id).to.equal('comment')
    await sendKeys({ press: 'Tab' }) // consent to processing
    expect(element.shadowRoot!.activeElement?.id).to.equal('consent-processing')
    await sendKeys({ press: 'Space' })
    await sendKeys({ press: 'Tab' }) // news from the organiser
    await sendKeys({ press: 'Tab' }) // the petition's response
    expect(element.shadowRoot!.activeElement?.id).to.equal('consent-response')
    await sendKeys({ press: 'Space' })
    await sendKeys({ press: 'Tab' })
    expect(element.shadowRoot!.activeElement?.getAttribute('type')).to.equal('submit')
    const before = await lastMessageId(email)
    await sendKeys({ press: 'Enter' })
    await until(() => $$(element, '#code').length === 1)
    input(element, 'code').focus()
    await sendKeys({ type: await emailedCode(email, before) })
    await sendKeys({ press: 'Enter' })
    await until(() => $$(element, '[part~="thanks"]').length === 1)
  })

  it('renders two languages on one page, survives a hostile stylesheet and follows the page lang', async () => {
    addHostileStyles()
    document.documentElement.lang = 'fr'
    try {
      const [arabic, inherited] = await Promise.all([mountPetition(`petition="${open}" lang="ar"`), mountPetition(`petition="${open}"`)])
      expect($(arabic, '[part~="sign"]').textContent!.trim()).to.equal('وقّع هذه العريضة')
      expect($(inherited, '[part~="sign"]').textContent!.trim()).to.equal('Signer cette pétition')
      expect(getComputedStyle(arabic).display).to.equal('block')
      await openForm(inherited)
      expect($(inherited, '[part~="submit"]').textContent!.trim()).to.equal('Signer la pétition')
      expect(getComputedStyle($(inherited, 'form')).display).to.equal('flex')
      expect(getComputedStyle($(inherited, '[part~="submit"]')).color).to.not.equal('rgb(255, 0, 0)')
    } finally {
      document.documentElement.lang = 'en'
    }
  })
})
