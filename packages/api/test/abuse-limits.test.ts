import t from 'tap'
import type { Config } from '../src/config.js'
import { assertRateLimited, buildSigningApp, sign } from './helpers/signing-app.js'
import { openTestDatabase } from './helpers/test-app.js'

// Proof of work is tested in abuse-pow.test.ts; here it is off so that only the limits are in play.
const NO_POW: Partial<Config> = { pow: false }
// One database for the file (a PGlite takes seconds to start); apps on it share only what they should.
const shared = await openTestDatabase(t)

t.test('a burst from one IP is flagged past the soft limit and refused only past the hard one', async (t) => {
  const app = await buildSigningApp(t, { database: shared, config: { ...NO_POW, signIpFlagAt: 2, signIpRefuseAt: 5 } })
  const flags = []
  for (let i = 0; i < 5; i++) {
    const response = await sign(app)
    t.equal(response.statusCode, 202)
    flags.push(response.json().flag)
  }
  t.same(flags, [null, null, 'ip-burst', 'ip-burst', 'ip-burst'], 'shared IPs are checked, not refused')
  const refused = await sign(app)
  assertRateLimited(t, refused, 600)
  t.equal(refused.headers['ratelimit-limit'], '5', 'refused by the route limit (@fastify/rate-limit)')
  const other = await sign(app, { ip: '203.0.113.9' })
  t.same([other.statusCode, other.json().flag], [202, null], 'another IP is counted on its own')
  const sameIpv6Household = [await sign(app, { ip: '2001:db8:1:2::1' }), await sign(app, { ip: '2001:db8:1:2::ffff' })]
  t.same(sameIpv6Household.map((r) => r.json().flag), [null, null])
  t.equal((await sign(app, { ip: '2001:db8:1:2:abcd::1' })).json().flag, 'ip-burst', 'an IPv6 /64 counts as one client')
})

t.test('a route without its own limit is still refused by the per-IP backstop of checkSignature', async (t) => {
  const app = await buildSigningApp(t, { database: shared, routeLimit: false, config: { ...NO_POW, signIpFlagAt: 1, signIpRefuseAt: 2 } })
  t.same([(await sign(app)).json().flag, (await sign(app)).json().flag], [null, 'ip-burst'])
  const refused = await sign(app)
  assertRateLimited(t, refused, 600)
  t.equal(refused.headers['ratelimit-limit'], undefined)
})

t.test('one email address is refused past its limit, across petitions and IPs', async (t) => {
  const app = await buildSigningApp(t, { database: shared, config: NO_POW })
  const email = 'Salma@Example.org'
  for (let i = 0; i < app.abuse.settings.signEmailRefuseAt; i++) {
    t.equal((await sign(app, { email, petition: `p-${i}`, ip: `192.0.2.${i + 1}` })).statusCode, 202)
  }
  const refused = await sign(app, { email, petition: 'p-last', ip: '192.0.2.200', lang: 'fr' })
  assertRateLimited(t, refused, 3600)
  t.equal(refused.json().detail, 'Trop de tentatives. Patientez un instant puis réessayez.')
  t.notMatch(refused.body, /salma/i, 'the address is never echoed')
})

t.test('a burst on one petition is flagged, never refused', async (t) => {
  const app = await buildSigningApp(t, { database: shared, config: { ...NO_POW, signPetitionFlagAt: 3 } })
  const flags = []
  for (let i = 0; i < 6; i++) flags.push((await sign(app, { petition: 'hot', ip: `192.0.2.${i + 1}` })).json().flag)
  t.same(flags, [null, null, null, 'petition-burst', 'petition-burst', 'petition-burst'])
  t.equal((await sign(app, { petition: 'quiet', ip: '192.0.2.99' })).json().flag, null)
})

t.test('WEGOV_RATE_LIMIT=off lifts every limit (benchmarks)', async (t) => {
  const app = await buildSigningApp(t, { database: shared, config: { ...NO_POW, rateLimit: false, signIpFlagAt: 1, signIpRefuseAt: 2 } })
  for (let i = 0; i < 4; i++) t.same((await sign(app, { email: 'same@example.org' })).json(), { flag: null })
  t.equal((await sign(app, { email: 'a@mailinator.com' })).statusCode, 422, 'the blocklist still applies')
})
