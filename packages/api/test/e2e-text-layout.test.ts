import t from 'tap'
import type { Page } from 'playwright-core'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov, widgetsSettled } from './helpers/e2e.js'

/**
 * How text is laid out and written, in a real browser: the partner page's inherited text properties stop
 * at the widgets, user text follows its own direction on the portal, lists read as words and whole
 * budgets carry no decimals, in ar, fr and en.
 */
t.setTimeout(600_000)

/** A demo project in French only (so a fallback on the Arabic and English pages), TND 420,000, three themes. */
const OBSERVATORY = 'observatoire-donnees-ouvertes-communes'

/** The digits of a shown number, whatever digits its language writes them with. */
const digits = (text: string) =>
  text.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/\D/g, '')

/** The project page's facts, term → shown value. */
async function facts(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(Array.from(document.querySelectorAll('.facts > div')).map((row) => [row.querySelector('dt')!.textContent!.trim(), row.querySelector('dd')!.textContent!.trim()])),
  )
}

t.test('text layout on the partner site and the portal', async (t) => {
  const wegov = await startWeGov(t)
  const browser = await launchBrowser(t)

  t.test("the partner page's word spacing, letter spacing, case, slant and indent stop at the widgets", async (t) => {
    const context = await newContext(browser, { locale: 'fr-FR', viewport: { width: 1024, height: 1200 } })
    const page = await context.newPage()
    await page.goto(`${wegov.partnerUrl}/`)
    await widgetsSettled(page)
    const styles = await page.evaluate(() => {
      const read = (element: Element) => {
        const style = getComputedStyle(element)
        return { wordSpacing: style.wordSpacing, letterSpacing: style.letterSpacing, textTransform: style.textTransform, fontStyle: style.fontStyle, textIndent: style.textIndent, textAlign: style.textAlign, lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize) }
      }
      const widgets = Array.from(document.querySelectorAll('wegov-petition, wegov-projects, wegov-resources'))
      return {
        page: read(document.querySelector('section')!),
        widgets: widgets.map((widget) => ({ name: widget.localName, base: read(widget.shadowRoot!.querySelector('.base')!), text: read(widget.shadowRoot!.querySelector('h2')!) })),
      }
    })
    // The partner's own text really has them, so the widgets' result is not the default by chance.
    t.not(styles.page.wordSpacing, '0px', 'the partner section is word-spaced')
    t.equal(styles.page.textTransform, 'uppercase', 'and upper-cased')
    t.equal(styles.widgets.length, 3)
    for (const { name, base, text } of styles.widgets) {
      for (const [where, style] of [['frame', base], ['heading', text]] as const) {
        t.same(
          { wordSpacing: style.wordSpacing, letterSpacing: style.letterSpacing, textTransform: style.textTransform, fontStyle: style.fontStyle, textIndent: style.textIndent, textAlign: style.textAlign },
          { wordSpacing: '0px', letterSpacing: 'normal', textTransform: 'none', fontStyle: 'normal', textIndent: '0px', textAlign: 'start' },
          `${name} ${where}: the widget's own text settings`,
        )
        t.ok(style.lineHeight < 2, `${name} ${where}: its own line height, not the page's 3`)
      }
    }
    t.same(await axeViolations(page, { within: 'wegov-petition, wegov-projects, wegov-resources' }), [], 'no axe violation in the ar, fr and en widgets on the partner page')
    await screenshot(page, 'partner-site-text-reset')
    await context.close()
  })

  for (const lang of ['ar', 'fr', 'en'] as const) {
    t.test(`a French-only project page in ${lang}: its text's direction, its budget, its themes`, async (t) => {
      const context = await newContext(browser, { locale: lang, viewport: { width: 1024, height: 900 } })
      const page = await context.newPage()
      t.equal((await page.goto(`${wegov.url}/${lang}/projects/${OBSERVATORY}`))?.status(), 200)
      const shown = await facts(page)
      const budget = Object.entries(shown).find(([, value]) => /420/.test(digits(value)))
      t.ok(budget, 'the budget is shown')
      t.equal(digits(budget![1]), '420000', `a whole budget without the dinar's three decimals: ${budget![1]}`)
      const themes = Object.values(shown).find((value) => value.includes({ ar: 'اللامركزية', fr: 'Décentralisation', en: 'Decentralisation' }[lang]))
      t.ok(themes, 'the themes are listed')
      t.notMatch(themes!, /&/, `joined by a word, not an ampersand: ${themes}`)
      if (lang === 'en') t.match(themes!, / and /)
      // The summary, in French, runs and aligns left to right on every page, the Arabic one too.
      const lead = await page.evaluate(() => {
        const element = document.querySelector('.lead')!
        const range = document.createRange()
        range.selectNodeContents(element.firstChild!)
        return { lang: element.getAttribute('lang'), direction: getComputedStyle(element).direction, fromLeft: range.getClientRects()[0]!.left - element.getBoundingClientRect().left }
      })
      t.equal(lead.direction, 'ltr', 'the French summary runs left to right')
      t.ok(lead.fromLeft < 1, 'and starts at its left edge')
      t.equal(lead.lang, lang === 'fr' ? null : 'fr')
      t.same(await axeViolations(page), [], `${lang}: no axe violation`)
      await context.close()
    })

    t.test(`email, web address and phone fields run left to right on the ${lang} portal`, async (t) => {
      const context = await newContext(browser, { locale: lang, viewport: { width: 1024, height: 900 } })
      const page = await context.newPage()
      await page.goto(`${wegov.url}/${lang}/embed`)
      // The portal's stylesheet decides it for any such field a form has or will have.
      const fields = await page.evaluate(() => {
        const form = document.querySelector('form')!
        return ['email', 'url', 'tel', 'text'].map((type) => {
          const input = Object.assign(document.createElement('input'), { type, placeholder: 'x' })
          form.append(input)
          const empty = getComputedStyle(input).direction
          input.value = 'salma@example.org'
          return { type, empty, filled: getComputedStyle(input).direction }
        })
      })
      const pageDir = lang === 'ar' ? 'rtl' : 'ltr'
      t.same(fields, [
        // An empty field's placeholder reads on the page's side; what is typed runs left to right.
        { type: 'email', empty: pageDir, filled: 'ltr' },
        { type: 'url', empty: pageDir, filled: 'ltr' },
        { type: 'tel', empty: pageDir, filled: 'ltr' },
        { type: 'text', empty: pageDir, filled: pageDir },
      ])
      await context.close()
    })

    t.test(`card titles on the ${lang} home page take the direction of their own text`, async (t) => {
      const context = await newContext(browser, { locale: lang, viewport: { width: 412, height: 900 } })
      const page = await context.newPage()
      await page.goto(`${wegov.url}/${lang}/`)
      await widgetsSettled(page)
      const titles = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.card__title')).map((title) => ({
          text: title.textContent!.trim(),
          dir: title.getAttribute('dir'),
          direction: getComputedStyle(title).direction,
          script: /[\u0600-\u06ff]/.test(title.querySelector('a')!.firstChild!.textContent ?? '') ? 'rtl' : 'ltr',
        })),
      )
      t.ok(titles.length > 0, 'the home page has cards')
      for (const title of titles) t.equal(title.direction, title.script, `"${title.text}" runs as its own script does`)
      if (lang === 'ar') t.ok(titles.some((title) => title.direction === 'ltr'), 'an Arabic page shows a card in another language, left to right')
      t.same(await axeViolations(page), [], `${lang}: no axe violation`)
      await context.close()
    })
  }
})
