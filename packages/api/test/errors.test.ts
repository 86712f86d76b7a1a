import t from 'tap'
import { addProject, addResource, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { buildTestApp } from './helpers/test-app.js'

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const UUID = '00000000-0000-4000-8000-000000000000'

/** [url, expected status, expected code] for every kind of bad input to the content read API. */
const BAD_REQUESTS: [string, number, string][] = [
  // Cursors: not base64/JSON, the wrong shape, or the right shape with impossible values.
  ['/v1/projects?cursor=!!!', 400, 'WEGOV_BAD_CURSOR'],
  ['/v1/projects?cursor=garbage', 400, 'WEGOV_BAD_CURSOR'],
  [`/v1/projects?cursor=${cursorOf({ id: 1 })}`, 400, 'WEGOV_BAD_CURSOR'],
  [`/v1/projects?cursor=${cursorOf([1, 2, 3])}`, 400, 'WEGOV_BAD_CURSOR'],
  [`/v1/projects?cursor=${cursorOf(['yesterday', 'someone'])}`, 400, 'WEGOV_BAD_CURSOR'],
  [`/v1/projects?cursor=${cursorOf(['2024-02-30T00:00:00.000000Z', UUID])}`, 400, 'WEGOV_BAD_CURSOR'],
  [`/v1/projects?q=budget&cursor=${cursorOf([1e300, UUID])}`, 400, 'WEGOV_BAD_CURSOR'],
  [`/v1/projects?q=budget&cursor=${cursorOf([12, 'not-a-uuid'])}`, 400, 'WEGOV_BAD_CURSOR'],
  [`/v1/resources?cursor=${cursorOf(['2024-01-01T00:00:00.000Z', 1, '1e999', UUID])}`, 400, 'WEGOV_BAD_CURSOR'],
  [`/v1/resources?cursor=${cursorOf(['2024-01-01T00:00:00.000Z', 7, '100', UUID])}`, 400, 'WEGOV_BAD_CURSOR'],
  [`/v1/resources?cursor=${cursorOf(['soon', 1, '100', UUID])}`, 400, 'WEGOV_BAD_CURSOR'],
  [`/v1/resources/feed.json?cursor=${cursorOf([])}`, 400, 'WEGOV_BAD_CURSOR'],
  [`/v1/deletions?cursor=${cursorOf(['x', 'y'])}`, 400, 'WEGOV_BAD_CURSOR'],
  // Filters with values WeGov does not know.
  ['/v1/projects?status=dreaming', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
  ['/v1/projects?theme=astrology', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
  ['/v1/projects?country=tunisia', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
  ['/v1/projects?organisation=Not%20A%20Slug', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
  ['/v1/resources?kind=podcast', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
  ['/v1/resources?collection=museum', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
  ['/v1/resources?language=de', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
  ['/v1/resources/feed.atom?theme=astrology', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
  ['/v1/deletions?since=last-week', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
  ['/v1/resources?upcoming=maybe', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
  // Page size and search text.
  ['/v1/projects?limit=101', 400, 'WEGOV_LIMIT_OUT_OF_RANGE'],
  ['/v1/projects?limit=0', 400, 'WEGOV_LIMIT_OUT_OF_RANGE'],
  ['/v1/resources?limit=1000', 400, 'WEGOV_LIMIT_OUT_OF_RANGE'],
  ['/v1/deletions?limit=101', 400, 'WEGOV_LIMIT_OUT_OF_RANGE'],
  [`/v1/projects?q=${'x'.repeat(201)}`, 400, 'WEGOV_QUERY_TOO_LONG'],
  [`/v1/resources/feed.json?q=${'x'.repeat(201)}`, 400, 'WEGOV_QUERY_TOO_LONG'],
  // Identifiers, languages, parameters and routes.
  ['/v1/projects/Bad_Id!', 400, 'WEGOV_INVALID_ID'],
  [`/v1/resources/${'a'.repeat(101)}`, 400, 'WEGOV_INVALID_ID'],
  ['/v1/projects?lang=de', 400, 'WEGOV_UNSUPPORTED_LANGUAGE'],
  ['/v1/resources/some-resource?lang=de', 400, 'WEGOV_UNSUPPORTED_LANGUAGE'],
  ['/v1/projects?colour=red', 400, 'WEGOV_UNKNOWN_PARAMETER'],
  ['/v1/resources/some-resource?q=x', 400, 'WEGOV_UNKNOWN_PARAMETER'],
  ['/v1/deletions?lang=fr&type=project', 400, 'WEGOV_UNKNOWN_PARAMETER'],
  ['/v1/project', 404, 'WEGOV_ROUTE_NOT_FOUND'],
  ['/v1/resources/some/thing', 404, 'WEGOV_ROUTE_NOT_FOUND'],
  ['/v1/projects/never-written', 404, 'WEGOV_NOT_FOUND'],
  // URLs the router itself refuses, before any route: a lone %, a path part over maxParamLength.
  ['/v1/petitions/%', 400, 'WEGOV_MALFORMED_URL'],
  ['/v1/projects/%zz', 400, 'WEGOV_MALFORMED_URL'],
  [`/v1/projects/${'a'.repeat(201)}`, 414, 'WEGOV_URL_TOO_LONG'],
  [`/v1/petitions/${'<b>'.repeat(100)}/count`, 414, 'WEGOV_URL_TOO_LONG'],
]

t.test('every bad input is a 4xx problem+json with its catalogue code, never a 500', async (t) => {
  const app = await buildTestApp(t)
  await createFixtureOrganisations(app.db)
  await addProject(app.db, { title: { en: 'Budget watch' }, originalLang: 'en' })
  await addResource(app.db, { slug: 'some-resource' })

  for (const [url, status, code] of BAD_REQUESTS) {
    const res = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'ar' } })
    t.equal(res.statusCode, status, `${url} -> ${status}`)
    t.match(res.headers['content-type'], /^application\/problem\+json/, `${url} is problem+json`)
    const problem = res.json()
    t.equal(problem.code, code, `${url} -> ${code}`)
    t.match(problem, { type: `urn:wegov:problem:${code}`, status, title: String, detail: String, requestId: String })
    t.equal(problem.lang, url.includes('lang=fr') ? 'fr' : 'ar', 'the detail follows the reader, even when ?lang= is refused')
  }

  t.test('the problem speaks the reader’s language', async (t) => {
    const arabic = await app.inject({ method: 'GET', url: '/v1/projects?limit=0&lang=ar' })
    t.equal(arabic.json().detail, 'يجب أن يكون عدد العناصر في الصفحة بين 1 و100.')
    const french = await app.inject({ method: 'GET', url: '/v1/projects?limit=0', headers: { 'accept-language': 'fr-TN' } })
    t.match(french.json().detail, /entre 1 et 100/)
  })

  t.test('a URL the router refuses is not echoed, and the reply has every header a reply gets', async (t) => {
    const long = `/v1/petitions/${'<script>'.repeat(40)}`
    for (const url of ['/v1/petitions/%', long]) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'fr' } })
      t.notMatch(res.body, /petitions|script/, `${url.slice(0, 20)}: the URL is not in the problem`)
      t.match(res.json(), { lang: 'fr', instance: `urn:wegov:request:${res.headers['x-request-id']}` })
      t.match(res.headers, { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', 'content-language': 'fr' })
      t.not(res.headers.connection, 'close', 'the request was read whole: the connection can be reused')
    }
  })

  t.test('a problem is never cached as content', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/v1/projects/never-written' })
    t.equal(res.headers['cache-control'], 'no-store')
  })
})
