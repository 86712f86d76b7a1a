import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { buildOnce, REPO } from './e2e.js'

/**
 * Helpers for the console's end-to-end tests: the console built once (like the widget bundle), the
 * development mailbox read with fetch, and signing in through the console's own screens.
 */

/** packages/console/dist, built if this checkout has not built it (a fresh clone); one test file builds, the others wait. */
export function ensureConsoleBuild(): void {
  buildOnce({ output: `${REPO}packages/console/dist/index.html`, lock: `${REPO}packages/console/.e2e-build-lock`, cwd: `${REPO}packages/console`, config: 'rollup.config.mjs' })
}

export interface Mail {
  id: number
  subject: string
  text: string
  html: string
  code: string | null
  links: Record<string, string>
  createdAt: string
}

/**
 * The newest mail to `to` that `accept` takes, waiting for the mail worker to deliver it (the test's
 * own timeout bounds the wait; nothing here asserts on time).
 */
export async function waitForMail(baseUrl: string, to: string, accept: (mail: Mail) => boolean = () => true, after = 0): Promise<Mail> {
  for (;;) {
    const response = await fetch(`${baseUrl}/dev/mailbox?to=${encodeURIComponent(to)}`)
    const { items } = (await response.json()) as { items: Mail[] }
    const mail = items.find((item) => item.id > after && accept(item))
    if (mail) return mail
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The id of the newest mail to `to` so far (0 for none): a later waitForMail then finds only newer ones. */
export async function lastMailId(baseUrl: string, to: string): Promise<number> {
  const response = await fetch(`${baseUrl}/dev/mailbox?to=${encodeURIComponent(to)}`)
  const { items } = (await response.json()) as { items: Mail[] }
  return items[0]?.id ?? 0
}

/** The first link of a mail whose address contains `part` (the sign-in link, the invitation link). */
export function linkIn(mail: Mail, part: string): string {
  const link = Object.values(mail.links).find((href) => href.includes(part)) ?? /https?:\/\/\S+/.exec(mail.text.split('\n').find((line) => line.includes(part)) ?? '')?.[0]
  if (!link) throw new Error(`no link with ${part} in the mail "${mail.subject}"`)
  return link
}

/**
 * Signs in on the console's sign-in screen (which the page must show): the address, then the code from
 * the development mailbox. Resolves once the console has left the sign-in screen.
 */
export async function signInWithCode(page: Page, baseUrl: string, email: string): Promise<void> {
  const before = await lastMailId(baseUrl, email)
  await page.locator('#email').fill(email)
  await page.locator('form:has(#email) button[type="submit"]').click()
  await page.locator('#code').waitFor()
  const mail = await waitForMail(baseUrl, email, (m) => m.code !== null, before)
  await page.locator('#code').fill(mail.code!)
  await page.locator('form:has(#code) button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/console/sign-in'))
  await page.locator('main h1').waitFor()
}

/** The console's screen heading once it has rendered. */
export async function heading(page: Page): Promise<string> {
  return ((await page.locator('main h1').first().textContent()) ?? '').trim()
}

/** The console's English messages that have another translation in `lang` (its XLIFF file): shown in an ar or fr page, they are untranslated. */
export async function consoleEnglishStrings(lang: 'ar' | 'fr'): Promise<Set<string>> {
  const xliff = await readFile(`${REPO}packages/console/xliff/${lang}.xlf`, 'utf8')
  const strings = new Set<string>()
  for (const unit of xliff.matchAll(/<source>([^<]+)<\/source>\s*<target>([^<]*)<\/target>/g)) {
    if (unit[1] !== unit[2]) strings.add(unit[1]!.trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'))
  }
  return strings
}

/** Waits until the console's screen has rendered its data: a heading, and no "Loading…" left in <main>. */
export async function screenSettled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor()
  await page.waitForFunction(() => !document.querySelector('main .loading'))
}
