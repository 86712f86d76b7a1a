import { randomBytes } from 'node:crypto'
import t from 'tap'
import type { Page } from 'playwright-core'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov, widgetsSettled } from './helpers/e2e.js'

/**
 * What the portal's Content-Security-Policy lets through, in Chromium: a video's player (framed from
 * its embed host), the signing proof-of-work's Web Worker, and nothing else blocked on the way.
 */
t.setTimeout(600_000)

const PETITION = 'eclairage-public-oued-zitoun'
/** A YouTube watch link as a publisher pastes it; the widget embeds it from the privacy-enhanced host. */
const WATCH_URL = 'https://www.youtube.com/watch?v=wegovDemo01'
const EMBED_URL = 'https://www.youtube-nocookie.com/embed/wegovDemo01'

/** Every CSP violation the page reports, and every console error (Chromium logs what a CSP blocks there). */
async function watchForBlocking(page: Page): Promise<{ violations: () => Promise<string[]>; consoleErrors: string[] }> {
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  await page.addInitScript(() => {
    const seen: string[] = ((globalThis as unknown as { __cspViolations: string[] }).__cspViolations = [])
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`))
  })
  const violations = () => page.evaluate(() => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations)
  return { violations, consoleErrors }
}

t.test('the portal CSP lets videos and the proof-of-work worker run', async (t) => {
  const wegov = await startWeGov(t)
  const browser = await launchBrowser(t)
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } })

  t.test('"Play the video" frames the player from youtube-nocookie.com', async (t) => {
    const page = await context.newPage()
    const { violations, consoleErrors } = await watchForBlocking(page)
    // The demo's videos live on a fictional host: the list the widget reads gives them a YouTube link.
    await page.route(
      (url) => url.pathname === '/v1/resources',
      async (route) => {
        const response = await route.fetch()
        const page = (await response.json()) as { items: { kind: string; url: string | null }[] }
        for (const item of page.items) if (item.kind === 'video') item.url = WATCH_URL
        await route.fulfill({ response, json: page })
      },
    )
    // No network here: the player is answered locally. A frame blocked by CSP is never requested at all.
    const playerRequests: string[] = []
    await context.route('https://www.youtube-nocookie.com/**', (route) => {
      playerRequests.push(route.request().url())
      return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>player</title><p>player</p>' })
    })
    await page.goto(`${wegov.url}/fr/learning`)
    await widgetsSettled(page)
    const play = page.locator('wegov-resources [part~="play"]').first()
    await play.scrollIntoViewIfNeeded()
    await play.click()
    const iframe = page.locator('wegov-resources iframe').first()
    await iframe.waitFor()
    t.equal(await iframe.getAttribute('src'), EMBED_URL, 'the watch link is embedded through the privacy-enhanced host')
    const frame = await (await iframe.elementHandle())!.contentFrame()
    await frame!.waitForLoadState()
    t.equal(await frame!.locator('p').textContent(), 'player', 'the player page loaded inside the frame')
    t.same(playerRequests, [EMBED_URL], 'the browser requested the player')
    t.same(await violations(), [], 'no CSP violation')
    t.same(consoleErrors.filter((text) => /blocked|Content Security Policy/i.test(text)), [], 'nothing blocked in the console')
    await screenshot(page, 'csp-video-playing')
    await context.unroute('https://www.youtube-nocookie.com/**')
    await page.close()
  })

  for (const [lang, link] of [['fr', 'Regarder sur le site de la vidéo'], ['ar', 'شاهد الفيديو على موقعه'], ['en', 'Watch on the video’s site']] as const) {
    t.test(`a player the CSP does not allow gives way to a link to the video (${lang})`, async (t) => {
      const page = await context.newPage()
      // The demo's videos are on a host WEGOV_VIDEO_EMBED_ORIGINS does not list: the browser refuses the frame.
      const videos = (await (await fetch(`${wegov.url}/v1/resources?kind=video&limit=100`)).json()) as { items: { url: string }[] }
      await page.goto(`${wegov.url}/${lang}/learning`)
      await widgetsSettled(page)
      const play = page.locator('wegov-resources [part~="play"]').first()
      await play.scrollIntoViewIfNeeded()
      await play.click()
      const video = page.locator('wegov-resources [part~="video"]').first()
      await video.locator('[role="status"]').waitFor()
      t.equal(await video.locator('iframe').count(), 0, 'no blocked frame left on the page')
      const watch = video.locator('a', { hasText: link })
      t.ok(videos.items.every((item) => new URL(item.url).origin === 'https://video.example.org'), 'the demo videos are on a host the CSP does not list')
      t.ok(videos.items.map((item) => item.url).includes((await watch.getAttribute('href'))!), 'the link leads to the video’s own page')
      t.same(await axeViolations(page), [], 'axe finds nothing')
      await screenshot(page, `csp-video-refused-${lang}`)
      await page.close()
    })
  }

  t.test('signing on the portal solves the proof-of-work in a Web Worker, with no console error', async (t) => {
    const page = await context.newPage()
    const { violations, consoleErrors } = await watchForBlocking(page)
    const workers: string[] = []
    page.on('worker', (worker) => workers.push(worker.url()))
    await page.goto(`${wegov.url}/fr/petitions/${PETITION}`)
    await widgetsSettled(page)
    const petition = page.locator('wegov-petition')
    await petition.locator('[part~="sign"]').click()
    await petition.locator('#firstName').fill('Salma')
    await petition.locator('#lastName').fill('Ben Ali')
    await petition.locator('#email').fill(`salma.csp.${randomBytes(4).toString('hex')}@gmail.com`)
    await petition.locator('#country').selectOption('TN')
    await petition.locator('#consent-processing').check()
    await petition.locator('button[type="submit"]').click()
    await petition.locator('#code').waitFor()
    t.ok(workers.length > 0 && workers.every((url) => url.startsWith('blob:')), `the proof-of-work ran in a blob: worker (${workers.join(', ')})`)
    t.same(await violations(), [], 'no CSP violation')
    t.same(consoleErrors, [], 'no console error')
    await page.close()
  })
})
