import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname } from 'node:path'
import t from 'tap'
import { REPO, launchBrowser, newContext, screenshot, startWeGov } from './helpers/e2e.js'

/**
 * The portal's files behind a plain web server (as on a CDN): every /{lang}/… path rewritten to
 * page.html, the API elsewhere. The browser renders each page from the API through the SDK.
 */
t.setTimeout(300_000)

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' }

t.test('the portal as static files on another origin', { skip: !existsSync(`${REPO}packages/widgets/bundle/sdk.js`) && 'the widget build has no sdk.js entry yet' }, async (t) => {
  const wegov = await startWeGov(t)
  const root = `${REPO}examples/portal/`
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://static.invalid').pathname
    const file = path === '/' ? 'index.html' : /^\/(ar|fr|en)(\/|$)/.test(path) ? 'page.html' : path.slice(1)
    if (file.includes('..') || !existsSync(`${root}${file}`)) return void response.writeHead(404).end()
    let body = await readFile(`${root}${file}`)
    // What an operator does once: tell the pages where the API is.
    if (file === 'page.html') body = Buffer.from(body.toString('utf8').replace('<meta name="wegov-api" content="">', `<meta name="wegov-api" content="${wegov.url}">`))
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body)
  })
  server.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  t.teardown(() => new Promise((resolve) => server.close(resolve)))
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`

  const browser = await launchBrowser(t)
  const context = await newContext(browser, { locale: 'ar' })
  const page = await context.newPage()
  const project = (await (await fetch(`${wegov.url}/v1/projects/jordan-local-journalists-access-to-information?lang=fr`)).json()) as { title: { text: string } }

  await page.goto(`${origin}/fr/projects/jordan-local-journalists-access-to-information`)
  await page.locator('main[data-rendered="project"]').waitFor()
  t.equal((await page.locator('h1').textContent())?.startsWith(project.title.text), true, 'the item is rendered from the API')
  t.equal(await page.title(), `${project.title.text} · WeGov`, 'the title is set in the browser')
  t.same(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['fr', 'ltr'])
  await screenshot(page, 'static-fr-project')
  t.equal(await page.locator('#project-resources').count(), 0, 'no resources section for a project without attached resources')

  await page.goto(`${origin}/ar/projects/budget-participatif-oued-zitoun`)
  await page.locator('main[data-rendered="project"]').waitFor()
  t.equal(await page.locator('#project-resources').textContent(), 'الموارد', 'the attached resources, read through the SDK as well')
  const attached = page.locator('section[aria-labelledby="project-resources"] h3 a')
  t.same(
    (await attached.evaluateAll((links) => links.map((link) => link.getAttribute('href')))).sort(),
    ['/ar/resources/guide-pratique-budget-participatif-communes', '/ar/resources/webinar-budget-participatif-consultation-decision'],
    'each links to the portal’s resource page',
  )

  await page.goto(`${origin}/fr/organisations/gvc`)
  await page.locator('main[data-rendered="organisation"]').waitFor()
  await Promise.all([page.waitForURL(`${origin}/fr/projects?organisation=gvc`), page.getByRole('link', { name: 'Tous ses projets' }).click()])
  await page.locator('main[data-rendered="projects"]').waitFor()
  t.match(await page.locator('p.scope').textContent(), /^Projets de GVC/, 'a list narrowed to an organisation says whose, read through the SDK as well')
  t.equal(await page.locator('wegov-projects').getAttribute('organisation'), 'gvc')

  await page.goto(`${origin}/fr/learning?project=budget-participatif-oued-zitoun`)
  await page.locator('main[data-rendered="learning"]').waitFor()
  t.match(await page.locator('p.scope').textContent(), /^Ressources du projet Budget participatif/, 'a list narrowed to a project says whose, read through the SDK as well')
  t.equal(await page.locator('wegov-resources').getAttribute('project'), 'budget-participatif-oued-zitoun')

  await page.goto(`${origin}/ar/petitions/eclairage-public-oued-zitoun`)
  await page.locator('main[data-rendered="petition"]').waitFor()
  t.equal(await page.locator('#petition-signers').textContent(), 'آخر الموقّعين علنًا')
  const signers = await page.locator('.signers__list .signer__name').allTextContents()
  t.ok(signers.includes('سلمى ج.'), 'the public signers are read through the SDK as well')

  await page.goto(`${origin}/`)
  await page.waitForURL(`${origin}/ar/`)
  await page.locator('main[data-rendered="home"]').waitFor()
  t.same(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl'], '/ picks the browser language')

  await page.goto(`${origin}/en/projects/no-such-project`)
  await page.locator('main[data-rendered]').waitFor()
  t.equal(await page.locator('h1').textContent(), 'Page not found')
})
