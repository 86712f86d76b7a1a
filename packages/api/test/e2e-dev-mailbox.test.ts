import t from 'tap'
import { DEMO_ADMIN_EMAIL } from '../src/demo/demo-accounts.js'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov } from './helpers/e2e.js'

/**
 * The README's way in, in Chromium: the demo admin asks for a code, a developer opens the development
 * mailbox page, types the address with the keyboard, reads the code (left to right, newest first), and signs
 * in with it. The page is checked with axe in Arabic, French and English.
 */
t.setTimeout(600_000)

const LANGS = ['ar', 'fr', 'en'] as const
const LABELS = { ar: 'عنوان البريد الإلكتروني', fr: 'Adresse e-mail', en: 'Email address' } as const

const wegov = await startWeGov(t)
const browser = await launchBrowser(t)

/** Waits until the outbox has delivered `count` messages to the address (the worker polls every 100 ms). */
async function delivered(email: string, count: number): Promise<{ code: string }[]> {
  for (;;) {
    const box = await fetch(`${wegov.url}/dev/mailbox?to=${encodeURIComponent(email)}`).then((res) => res.json() as Promise<{ items: { code: string }[] }>)
    if (box.items.length >= count) return box.items
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

for (const [index, lang] of LANGS.entries()) {
  t.test(`the development mailbox page in ${lang}`, async (t) => {
    const asked = await fetch(`${wegov.url}/v1/auth/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_ADMIN_EMAIL, lang }) })
    t.equal(asked.status, 202)
    const items = await delivered(DEMO_ADMIN_EMAIL, index + 1)

    const context = await newContext(browser, { locale: lang, viewport: { width: 390, height: 844 } })
    t.teardown(() => context.close())
    const page = await context.newPage()
    await page.goto(`${wegov.url}/dev/mailbox?lang=${lang}`)
    t.same(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), [lang, lang === 'ar' ? 'rtl' : 'ltr'])
    t.same(await axeViolations(page), [], 'the form: no axe violation')

    const field = page.getByLabel(LABELS[lang])
    t.equal(await field.getAttribute('dir'), 'ltr', 'the address is typed left to right')
    await field.focus()
    await page.keyboard.type(DEMO_ADMIN_EMAIL)
    await page.keyboard.press('Enter')
    await page.waitForURL(/to=/)
    const codes = await page.locator('.code').allTextContents()
    t.same(codes, items.map((item) => item.code), 'every code, newest first')
    t.equal(await page.locator('.code').first().getAttribute('dir'), 'ltr')
    t.match(await page.locator('article h3').first().getAttribute('lang'), lang, 'the subject in the language of the mail')
    t.same(await axeViolations(page), [], 'the messages: no axe violation')
    await screenshot(page, `dev-mailbox-${lang}`)

    const signedIn = await fetch(`${wegov.url}/v1/auth/code/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_ADMIN_EMAIL, code: codes[0] }) })
    t.equal(signedIn.status, 200, 'the code on the page signs the demo admin in')
    t.equal((await signedIn.json()).platformRole, 'admin')
  })
}
