import t from 'tap'
import { buildTestApp } from './helpers/test-app.js'

t.test('lists organisations and answers problems', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'GET', url: '/v1/organisations?lang=ar' })
  t.equal(res.statusCode, 200)
  t.same(res.json(), { items: [], nextCursor: null })
  const bad = await app.inject({ method: 'GET', url: '/v1/organisations?limit=500' })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().code, 'WEGOV_LIMIT_OUT_OF_RANGE')
  const openapi = await app.inject({ method: 'GET', url: '/openapi.json' })
  t.equal(openapi.json().openapi, '3.1.0')
})
