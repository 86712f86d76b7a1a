import { randomBytes } from 'node:crypto'
import t, { type Test } from 'tap'
import type { Page } from 'playwright-core'
import { ERRORS } from '../src/errors.js'
import { PAGES, WORDS } from '../src/domains/signatures/confirmation-texts.js'
import { axeViolations, launchBrowser, newContext, screenshot, shownTexts, startWeGov, widgetsSettled } from './helpers/e2e.js'
import { englishOnlyStrings, untranslated } from './helpers/e2e-strings.js'

/**
 * The pages the emailed links open, as a signer meets them in Chromium: signed by HTTP (proof of work off),
 * the link read from the development mailbox, the page in the signer's language only and in the portal's
 * frame, the new count shown after confirming, and the way back (the portal's petition page, or the
 * partner page signed from) showing that count too, although the browser had just cached the old one.
 */
t.setTimeout(600_000)

const SLUG = 'eclairage-public-oued-zitoun'
const LANGS = ['ar', 'fr', 'en'] as const
type Lang = (typeof LANGS)[number]

/** Digits as the page writes them (Arabic-Indic in Arabic), read back as a number. */
function numberIn(text: string): number {
  const western = text.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
  return Number(western.replace(/\D/g, ''))
}

async function widgetCount(page: Page): Promise<number> {
  return numberIn((await page.locator('wegov-petition .progress__count').textContent()) ?? '')
}

/** The page checks every confirmation page must pass, whatever it says. */
async function checkPage(t: Test, page: Page, lang: Lang, name: string, english: Set<string> | undefined): Promise<void> {
  t.same(
    await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
    [lang, lang === 'ar' ? 'rtl' : 'ltr'],
    `${name}: the signer's language, and its direction, on <html>`,
  )
  t.equal(await page.locator('main').count(), 1, `${name}: one main landmark`)
  t.equal(await page.locator('header.site-header').count(), 1, `${name}: the portal's header`)
  t.equal(await page.locator('footer.site-footer').count(), 1, `${name}: and footer`)
  t.equal(await page.locator('.languages').count(), 0, `${name}: no language switcher (the URL holds a token)`)
  const body = (await page.locator('body').textContent()) ?? ''
  for (const other of LANGS.filter((other) => other !== lang)) {
    for (const text of [PAGES.confirm.title, PAGES.confirmed.body, PAGES.withdraw.title, PAGES.withdrawn.body]) {
      if (text[other] !== text[lang]) t.notOk(body.includes(text[other]), `${name}: nothing in ${other}`)
    }
  }
  if (english) t.same(untranslated(await shownTexts(page), lang, english), [], `${name}: no untranslated portal text`)
  t.same(await axeViolations(page), [], `${name}: no axe violation`)
  await screenshot(page, `signature-pages-${lang}-${name}`)
}

t.test('confirming and withdrawing by the emailed links, in Arabic, French and English', async (t) => {
  const wegov = await startWeGov(t, { WEGOV_POW: 'off' })
  const browser = await launchBrowser(t)
  // One browser, one HTTP cache, as a signer has: what the petition page cached is there when they come back.
  const context = await newContext(browser, { viewport: { width: 1024, height: 1000 } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))

  for (const lang of LANGS) {
    t.test(lang, async (t) => {
      const english = lang === 'en' ? undefined : await englishOnlyStrings(lang)
      // The English signer comes from the partner's page (another origin); the others from the portal.
      const fromPartner = lang === 'en'
      const back = fromPartner ? `${wegov.partnerUrl}/` : `${wegov.url}/${lang}/petitions/${SLUG}`
      const { title, goal } = (await (await fetch(`${wegov.url}/v1/petitions/${SLUG}?lang=${lang}`)).json()) as { title: { text: string }; goal: number }
      const number = new Intl.NumberFormat(lang)
      const countSentence = (count: number) => WORDS.count[lang].replace('{count}', number.format(count)).replace('{goal}', number.format(goal))

      // The petition as the signer saw it before signing: its replies are now in the browser's cache.
      await page.goto(back)
      await widgetsSettled(page)
      const before = await widgetCount(page)

      const email = `signer.${lang}.${randomBytes(4).toString('hex')}@example.org`
      const signed = await fetch(`${wegov.url}/v1/petitions/${SLUG}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          firstName: 'Amal',
          lastName: 'Ben Youssef',
          email,
          country: 'TN',
          display: 'anonymous',
          consents: { processing: true },
          locale: lang,
          ...(fromPartner ? { source: { url: back } } : {}),
        }),
      })
      t.equal(signed.status, 202, 'signed')
      let links: { confirm: string; withdraw: string } | undefined
      while (!links) {
        const mailbox = (await (await fetch(`${wegov.url}/dev/mailbox?to=${encodeURIComponent(email)}`)).json()) as { items: { links: { confirm: string; withdraw: string } }[] }
        links = mailbox.items[0]?.links
        if (!links) await new Promise((resolve) => setTimeout(resolve, 100))
      }

      const confirmPage = await page.goto(links.confirm)
      t.equal(confirmPage?.headers()['referrer-policy'], 'no-referrer', 'the token never leaves in a Referer')
      t.equal(await page.locator('h1').textContent(), PAGES.confirm.title[lang])
      t.equal(await page.locator('main h2').textContent(), title.text, 'the petition’s title')
      await checkPage(t, page, lang, 'confirm', english)

      await page.locator('main button[type="submit"]').click()
      await page.waitForURL(`${wegov.url}/signatures/confirm`)
      t.equal(await page.locator('h1').textContent(), PAGES.confirmed.title[lang], 'thanked')
      t.equal(await page.locator('main h2').textContent(), title.text, 'for this petition')
      t.equal(await page.locator('main .progress-label').textContent(), countSentence(before + 1), 'the new count, in the page’s digits')
      const backLink = page.locator('main a[data-link="back"]')
      t.equal(await backLink.getAttribute('href'), fromPartner ? back : `/${lang}/petitions/${SLUG}`, 'a way back to where the signer came from')
      t.match((await backLink.textContent()) ?? '', fromPartner ? WORDS.backToSource[lang] : WORDS.backToPetition[lang])
      await checkPage(t, page, lang, 'thanks', english)

      await backLink.click()
      await page.waitForURL(back)
      await widgetsSettled(page)
      t.equal(await widgetCount(page), before + 1, 'the page it leads back to shows the new count, not the one the browser cached')

      await page.goto(links.withdraw)
      t.equal(await page.locator('h1').textContent(), PAGES.withdraw.title[lang])
      t.equal(await page.locator('main h2').textContent(), title.text)
      await checkPage(t, page, lang, 'withdraw', english)
      await page.locator('main button[type="submit"]').click()
      await page.waitForURL(`${wegov.url}/signatures/withdraw`)
      t.equal(await page.locator('h1').textContent(), PAGES.withdrawn.title[lang], 'withdrawn')
      t.equal(await page.locator('main .progress-label').textContent(), countSentence(before), 'the count without it')
      await checkPage(t, page, lang, 'withdrawn', english)

      await page.goto(links.withdraw)
      t.equal(await page.locator('main p.lead').textContent(), ERRORS.WEGOV_WITHDRAWAL_INVALID.message[lang], 'a spent link says so')
      t.equal(await page.locator('main a[data-link="petitions"]').getAttribute('href'), `/${lang}/petitions`, 'and leads to the petitions')
      await checkPage(t, page, lang, 'error', english)
    })
  }

  t.test('no script error on any of these pages', async (t) => {
    t.same(errors, [])
  })
})
