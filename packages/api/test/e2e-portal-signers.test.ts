import { randomBytes } from 'node:crypto'
import t from 'tap'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov, widgetsSettled } from './helpers/e2e.js'

/**
 * The petition page's list of public signers, in a real browser: a visitor signs publicly with a comment
 * through the widget, confirms with the emailed code, and then finds themselves first in the page's list,
 * in Arabic, French and English, with no axe-core violation.
 */
t.setTimeout(600_000)

const PETITION = 'eclairage-public-oued-zitoun'
const HEADING = { ar: 'آخر الموقّعين علنًا', fr: 'Derniers signataires publics', en: 'Latest public signers' }

t.test('a public signer and their comment on the portal’s petition page', async (t) => {
  const wegov = await startWeGov(t)
  const browser = await launchBrowser(t)
  const context = await newContext(browser, { viewport: { width: 412, height: 900 } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))

  const email = `nour.${randomBytes(4).toString('hex')}@example.org`
  const comment = 'Pour la sécurité des enfants.\n<script>alert(1)</script>'
  await page.goto(`${wegov.url}/fr/petitions/${PETITION}`)
  await widgetsSettled(page)
  const widget = page.locator('wegov-petition')
  await widget.locator('[part~="sign"]').click()
  await widget.locator('#firstName').fill('Nour')
  await widget.locator('#lastName').fill('El-Haddad')
  await widget.locator('#email').fill(email)
  await widget.locator('#city').fill('Oued Zitoun')
  await widget.locator('#display-public').check()
  await widget.locator('#comment').fill(comment)
  await widget.locator('#consent-processing').check()
  await widget.locator('[part~="submit"]').click()
  await widget.locator('#code').waitFor()
  let code: string | null = null
  while (!code) {
    const mailbox = (await (await fetch(`${wegov.url}/dev/mailbox?to=${encodeURIComponent(email)}`)).json()) as { items: { code: string | null }[] }
    code = mailbox.items[0]?.code ?? null
    if (!code) await new Promise((resolve) => setTimeout(resolve, 200))
  }
  await widget.locator('#code').fill(code)
  await widget.locator('[part~="confirm"]').click()
  await widget.locator('[part~="thanks"]').waitFor()

  for (const lang of ['ar', 'fr', 'en'] as const) {
    const response = await page.goto(`${wegov.url}/${lang}/petitions/${PETITION}`)
    t.equal(response?.status(), 200)
    await widgetsSettled(page)
    const section = await page.evaluate(() => {
      const region = document.querySelector('section[aria-labelledby="petition-signers"]')
      const items = Array.from(region?.querySelectorAll('ul.signers__list > li') ?? [])
      const first = items[0]
      return {
        heading: region?.querySelector('h2#petition-signers')?.textContent,
        count: items.length,
        name: first?.querySelector('bdi.signer__name')?.textContent,
        city: first?.querySelector('bdi:not(.signer__name)')?.textContent,
        datetime: first?.querySelector('time')?.getAttribute('datetime'),
        commentDir: first?.querySelector('.signer__comment')?.getAttribute('dir'),
        comment: first?.querySelector('.signer__comment')?.textContent,
        scripts: region?.querySelectorAll('script').length,
        names: items.map((item) => item.querySelector('.signer__name')?.textContent),
        text: region?.textContent ?? '',
      }
    })
    t.equal(section.heading, HEADING[lang], `${lang}: the list has its heading`)
    t.equal(section.name, 'Nour H.', `${lang}: the new signer comes first, the particle El- skipped in the initial`)
    t.equal(section.city, 'Oued Zitoun')
    t.ok(section.datetime && !Number.isNaN(Date.parse(section.datetime)), `${lang}: the date is a <time datetime>`)
    t.equal(section.commentDir, 'auto', `${lang}: the comment takes its own direction`)
    t.equal(section.comment, comment, `${lang}: the comment is shown as text, line break kept`)
    t.equal(section.scripts, 0, `${lang}: markup in a comment never becomes markup`)
    t.ok(section.names.includes('سلمى ج.'), `${lang}: the demo signer سلمى الجريدي is listed under ج, not ا`)
    t.notOk(section.text.includes('El-Haddad') || section.text.includes(email), `${lang}: no surname, no address`)
    t.ok(section.count <= 10, `${lang}: the latest ten at most`)
    await screenshot(page, `portal-signers-${lang}`)
    t.same(await axeViolations(page), [], `${lang}: no axe violation`)
  }
  t.same(errors, [], 'no script error')
})
