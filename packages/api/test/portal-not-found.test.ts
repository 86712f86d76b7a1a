import t from 'tap'
import { buildTestApp } from './helpers/test-app.js'

/**
 * An address outside /ar, /fr and /en: a browser gets the page it meant (a redirect) or the portal's 404
 * page in its language; an API client keeps problem+json.
 */

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

t.test('addresses without a language prefix', async (t) => {
  const app = await buildTestApp(t)
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })
  const browser = (url: string, language = 'fr') => get(url, { accept: BROWSER, 'accept-language': language })

  t.test('a section or item without its language goes to it in the reader\'s language: 302, varying by Accept-Language', async (t) => {
    const cases = [
      ['/petitions', 'ar-TN,ar;q=0.9', '/ar/petitions'],
      ['/petitions/', 'en-GB,en;q=0.8', '/en/petitions'],
      ['/projects/some-project?x=1', 'de-DE', '/fr/projects/some-project?x=1'],
      ['/library', 'en', '/en/library'],
      ['/about?lang=ar', 'en', '/ar/about?lang=ar'],
      ['//projects', 'fr', '/fr/projects'],
    ] as const
    for (const [url, language, location] of cases) {
      const res = await browser(url, language)
      t.equal(res.statusCode, 302, url)
      t.equal(res.headers.location, location, url)
      t.match(res.headers.vary, /Accept-Language/, url)
      t.match(res.headers.vary, /Accept\b/, url)
      t.match(res.headers['cache-control'], /private/, url)
    }
  })

  t.test('a language prefix in the wrong case is the same page for everyone: 308', async (t) => {
    for (const [url, location] of [['/FR/', '/fr/'], ['/FR', '/fr/'], ['/En/projects?q=eau', '/en/projects?q=eau'], ['/AR/resources/a-b', '/ar/resources/a-b']] as const) {
      const res = await browser(url, 'ar')
      t.equal(res.statusCode, 308, url)
      t.equal(res.headers.location, location, url)
    }
  })

  t.test('anything else is the portal\'s 404 page in the negotiated language', async (t) => {
    for (const [url, language, lang, heading] of [
      ['/xyz', 'en-US,en;q=0.9', 'en', 'Page not found'],
      ['/xyz', 'ar', 'ar', 'الصفحة غير موجودة'],
      ['/xyz?lang=en', 'ar', 'en', 'Page not found'],
      ['/FR/nothing-here', 'en', 'en', 'Page not found'],
      ['//evil.example/projects', 'fr', 'fr', 'Page introuvable'],
      ['/projects/Not_A_Slug', 'de', 'fr', 'Page introuvable'],
    ] as const) {
      const res = await browser(url, language)
      t.equal(res.statusCode, 404, url)
      t.match(res.headers['content-type'], /^text\/html; charset=utf-8/, url)
      t.equal(res.headers.location, undefined, url)
      t.match(res.headers.vary, /Accept-Language/, url)
      t.match(res.headers['content-security-policy'], /default-src 'self'/, url)
      t.match(res.body, `<h1>${heading}</h1>`, url)
      t.equal(res.body.match(/<main[\s>]/g)?.length, 1, `${url}: one main landmark`)
      t.match(res.body, '<meta name="robots" content="noindex">', url)
      t.match(res.body, '<a class="skip-link" href="#main">', url)
      if (url === '/xyz') t.match(res.body, `<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`)
    }
  })

  t.test('API clients keep problem+json', async (t) => {
    const requests = [
      ['GET', '/xyz', {}],
      ['GET', '/petitions', { accept: 'application/json' }],
      ['GET', '/petitions', { accept: '*/*' }],
      ['GET', '/petitions', { accept: 'text/html;q=0, application/json' }],
      ['GET', '/v1/nothing', { accept: BROWSER }],
      ['POST', '/petitions', { accept: BROWSER }],
    ] as const
    for (const [method, url, headers] of requests) {
      const res = await app.inject({ method, url, headers: { 'accept-language': 'en', ...headers } })
      const label = `${method} ${url} ${JSON.stringify(headers)}`
      t.equal(res.statusCode, 404, label)
      t.match(res.headers['content-type'], /^application\/problem\+json/, label)
      t.equal((res.json() as { code: string }).code, 'WEGOV_ROUTE_NOT_FOUND', label)
    }
    t.match((await get('/xyz')).headers.vary, /Accept/, 'the same address answers a browser otherwise')
  })
})
