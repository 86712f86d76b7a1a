import { test } from 'tap'
import { signIn } from './helpers/accounts.js'
import { buildTestApp } from './helpers/test-app.js'

/**
 * Every console read takes the reader's `?lang=`, as the SDK sends it on each GET: a route that refused
 * the parameter (additionalProperties: false without it) would refuse the console itself.
 */
const ADMIN = 'admin.lang@example.org'

test('people search and the applications list take ?lang=, and answer their problems in it', async (t) => {
  const app = await buildTestApp(t, { config: { adminEmails: [ADMIN] } })
  const cookie = await signIn(app, ADMIN)
  for (const lang of ['ar', 'fr', 'en']) {
    const people = await app.inject({ url: `/v1/people?email=${encodeURIComponent(ADMIN)}&lang=${lang}`, headers: { cookie } })
    t.equal(people.statusCode, 200, `GET /v1/people?lang=${lang}`)
    t.equal(people.json().items[0]?.email, ADMIN)
    const applications = await app.inject({ url: `/v1/organisation-applications?status=pending&lang=${lang}`, headers: { cookie } })
    t.equal(applications.statusCode, 200, `GET /v1/organisation-applications?lang=${lang}`)
    t.same(applications.json().items, [])
  }
  const bad = await app.inject({ url: '/v1/organisation-applications?status=maybe&lang=fr', headers: { cookie } })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().lang, 'fr', 'a refused filter is explained in the language asked for')
  const unknown = await app.inject({ url: '/v1/people?email=x&lang=de', headers: { cookie } })
  t.equal(unknown.statusCode, 400, 'a language WeGov does not speak is still refused')
})
