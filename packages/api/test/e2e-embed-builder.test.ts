import t from 'tap'
// @ts-expect-error a plain browser module of the portal, without type declarations
import { contrastRatio } from '../../../examples/portal/assets/contrast.js'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov } from './helpers/e2e.js'

/**
 * The embed builder: crediting the partner's organisation for the signatures collected on its site, and
 * the accent colour checked against the widget's light and dark backgrounds, with a readable one offered.
 */
t.setTimeout(600_000)

const ratio = contrastRatio as (a: string, b: string) => number
const WHITE = '#ffffff'
/** The widgets' dark background (packages/widgets/src/shared/base-styles.ts). */
const DARK = '#16191d'

t.test('the embed builder', async (t) => {
  const wegov = await startWeGov(t)
  const browser = await launchBrowser(t)
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  const open = async (lang: string) => {
    await page.goto(`${wegov.url}/${lang}/embed`)
    await page.locator('[data-embed-builder][data-ready]').waitFor()
  }
  const message = () => page.locator('#embed-contrast-message').textContent()
  const fix = page.locator('#embed-contrast-fix')

  t.test('a petition snippet credits the organisation picked from the registered ones', async (t) => {
    const registered = (await (await fetch(`${wegov.url}/v1/organisations?limit=100`)).json()) as { items: { slug: string }[] }
    await open('en')
    await page.locator('#embed-widget-petition').check()
    const partner = page.locator('#embed-partner')
    t.equal(await partner.isVisible(), true, 'the field shows for the petition widget')
    const offered = await partner.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
    t.same(offered.filter(Boolean).sort(), registered.items.map((o) => o.slug).sort(), 'every registered organisation, from the API')
    t.equal(offered[0], '', 'and "none" first')
    t.match(await page.locator(`#${await partner.getAttribute('aria-describedby')}`).textContent(), /apply to be registered/, 'unregistered organisations are told they can apply')

    await partner.selectOption('atgl')
    t.match(await page.locator('#embed-code').textContent(), /<wegov-petition petition="[a-z0-9-]+" partner="atgl"><\/wegov-petition>/)
    t.equal(await page.locator('#embed-preview wegov-petition').getAttribute('partner'), 'atgl', 'the preview credits it too')
    await partner.selectOption('')
    t.notMatch(await page.locator('#embed-code').textContent(), /partner=/, 'no partner, no attribute')
    await page.locator('#embed-widget-projects').check()
    t.equal(await partner.isVisible(), false, 'only the petition widget takes a partner')
  })

  t.test('an accent unreadable in dark mode is announced, and the nearest readable colour applied on request', async (t) => {
    await open('en')
    t.equal(await message(), '', 'nothing to say about the default colours')
    t.equal(await fix.isVisible(), false)
    t.equal(await page.locator('#embed-contrast-message').getAttribute('aria-live'), 'polite', 'the warning is announced')
    t.equal(await page.locator('#embed-accent').getAttribute('aria-describedby'), 'embed-contrast-message', 'and tied to the colour field')

    await page.locator('#embed-scheme').selectOption('dark')
    await page.locator('#embed-accent').fill('#0a3d91')
    const shown = Math.floor(ratio('#0a3d91', DARK) * 10) / 10
    t.ok(shown < 2.2, 'the issue’s case: about 2:1 on the dark background')
    t.equal(await message(), `The accent colour is hard to read: a contrast of ${shown}:1 on the dark background. A contrast of at least 4.5:1 is needed.`)
    t.equal(await fix.isVisible(), true)
    const suggestion = (await fix.locator('bdi').textContent())!
    t.match(suggestion, /^#[0-9a-f]{6}$/)
    t.ok(ratio(suggestion, DARK) >= 4.5, `${suggestion} reads on the dark background`)
    // The preview shows the unreadable colour on purpose: it is what the warning is about.
    t.same(await axeViolations(page, { exclude: ['#embed-preview'] }), [], 'no axe violation with the warning shown (outside the preview)')
    await screenshot(page, 'embed-contrast-warning-en')

    await fix.focus()
    await page.keyboard.press('Enter')
    t.equal(await page.locator('#embed-accent').inputValue(), suggestion, 'the button applies it')
    t.equal(await message(), 'Colour applied: it reads on every background.')
    t.equal(await fix.isVisible(), false, 'the button goes with the problem')
    t.equal(await page.evaluate(() => document.activeElement?.id), 'embed-accent', 'the focus is back on the colour field')
    t.match(await page.locator('#embed-code').textContent(), `--wegov-color-accent: ${suggestion}`)
  })

  t.test('light mode checks the light background; automatic mode both', async (t) => {
    await open('fr')
    await page.locator('#embed-scheme').selectOption('light')
    await page.locator('#embed-accent').fill('#8cc2ff')
    t.match(await message(), /sur le fond clair/)
    t.notMatch(await message(), /sombre/)
    const suggestion = (await fix.locator('bdi').textContent())!
    t.ok(ratio(suggestion, WHITE) >= 4.5 && ratio(suggestion, WHITE) < 4.8, `${suggestion}: readable, and no darker than needed`)

    // No single colour reads on both white and the dark background: the widget's own accent adapts.
    await page.locator('#embed-scheme').selectOption('auto')
    await page.locator('#embed-accent').fill('#aa3300')
    t.match(await message(), /sur le fond sombre/)
    t.match(await message(), /choisissez le mode clair ou sombre/)
    t.equal((await fix.textContent())?.trim(), 'Garder la couleur de WeGov')
    await fix.click()
    t.notMatch(await page.locator('#embed-code').textContent(), /--wegov-color-accent/, 'the snippet keeps WeGov’s accent')

    // A background of the partner's own serves both modes: a colour can read on it.
    await page.locator('#embed-background').fill('#fdf6e3')
    await page.locator('#embed-accent').fill('#c0a000')
    const onOwn = (await fix.locator('bdi').textContent())!
    t.ok(ratio(onOwn, '#fdf6e3') >= 4.5, `${onOwn} reads on the partner’s background`)
  })

  t.test('in Arabic, the warning is in Arabic and the colour code runs left to right', async (t) => {
    await open('ar')
    await page.locator('#embed-scheme').selectOption('dark')
    await page.locator('#embed-accent').fill('#0a3d91')
    t.match(await message(), /^اللون الرئيسي صعب القراءة: تباين .+:1 على الخلفية الداكنة\./)
    t.equal(await fix.locator('bdi').getAttribute('dir'), 'ltr')
    t.same(await axeViolations(page, { exclude: ['#embed-preview'] }), [], 'no axe violation outside the preview')
    await screenshot(page, 'embed-contrast-warning-ar')
    await open('fr')
    await page.locator('#embed-widget-petition').check()
    await page.locator('#embed-accent').fill('#0a3d91')
    t.same(await axeViolations(page, { exclude: ['#embed-preview'] }), [], 'fr: no axe violation with the partner field and the warning shown')
  })
})
