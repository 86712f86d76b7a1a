import { randomBytes, randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import t from 'tap'
import type { Test } from 'tap'
import type { Config } from '../src/config.js'
import { buildSigningApp, TEST_SIGN_URL } from './helpers/signing-app.js'
import { openTestDatabase } from './helpers/test-app.js'

// Proof of work is tested in abuse-pow.test.ts; here it is off so that only the limits are in play.
const NO_POW: Partial<Config> = { pow: false }
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
// One database for the file (a PGlite takes seconds to start); apps on it share only what they should.
const shared = await openTestDatabase(t)

type App = Awaited<ReturnType<typeof buildSigningApp>>
interface Attempt {
  petition?: string
  email?: string
  ip?: string
  website?: string
  lang?: string
}

const sign = (app: App, { petition = 'petition-1', email = `${randomUUID()}@example.org`, ip = '198.51.100.7', website, lang = 'en' }: Attempt = {}) =>
  app.inject({
    method: 'POST',
    url: TEST_SIGN_URL(petition),
    remoteAddress: ip,
    headers: { 'accept-language': lang },
    payload: { email, ...(website === undefined ? {} : { website }) },
  })

/** A Redis key prefix of this run only, its keys deleted at teardown, so parallel runs never collide. */
async function redisPrefix(t: Test): Promise<string> {
  const prefix = `wegov-test:${randomBytes(6).toString('hex')}:`
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 })
  await redis.connect()
  t.teardown(async () => {
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length > 0) await redis.del(...keys)
    await redis.quit()
  })
  return prefix
}

function assertRateLimited(t: Test, response: Awaited<ReturnType<typeof sign>>, windowSeconds: number) {
  t.equal(response.statusCode, 429)
  t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal(response.json().code, 'WEGOV_RATE_LIMITED')
  const retryAfter = Number(response.headers['retry-after'])
  t.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= windowSeconds, `Retry-After ${retryAfter} is within the window`)
}

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

t.test('a filled honeypot answers as a success, flagged, and counts nothing', async (t) => {
  const app = await buildSigningApp(t, { database: shared, config: { ...NO_POW, signIpFlagAt: 1 } })
  const email = 'bot@example.org'
  for (let i = 0; i <= app.abuse.settings.signEmailRefuseAt; i++) {
    const response = await sign(app, { email, website: 'https://spam.example' })
    t.equal(response.statusCode, 202)
    t.equal(response.json().flag, 'honeypot')
  }
  const blockedToo = await sign(app, { email: 'bot@mailinator.com', website: 'x' })
  t.same([blockedToo.statusCode, blockedToo.json().flag], [202, 'honeypot'], 'the bot learns nothing about the blocklist')
  t.equal((await sign(app, { email, website: '  ' })).json().flag, null, 'a blank field is a person, and is counted')
  t.equal((await sign(app, { email })).json().flag, 'ip-burst', 'none of the honeypot hits counted towards the limits')
})

t.test('disposable email domains are refused; the list can be extended and trimmed', async (t) => {
  const app = await buildSigningApp(t, { database: shared, config: NO_POW })
  for (const email of ['a@mailinator.com', 'a@YOPMAIL.com', 'a@inbox.guerrillamail.com']) {
    const response = await sign(app, { email, lang: 'ar' })
    t.equal(response.statusCode, 422, email)
    t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.equal(response.json().code, 'WEGOV_EMAIL_DOMAIN_BLOCKED')
    t.equal(response.json().detail, 'لا يمكن استخدام عناوين مزوّد البريد هذا للتوقيع. يرجى استخدام عنوان آخر.')
  }
  t.equal((await sign(app, { email: 'a@notmailinator.com' })).statusCode, 202, 'only the domain and its subdomains')

  const custom = await buildSigningApp(t, { database: shared, config: { ...NO_POW, blockedEmailDomains: ['-mailinator.com', 'spam.example'] } })
  t.equal((await sign(custom, { email: 'a@mailinator.com' })).statusCode, 202, 'a default removed')
  t.equal((await sign(custom, { email: 'a@spam.example' })).statusCode, 422, 'a domain added')
  t.equal((await sign(custom, { email: 'a@yopmail.com' })).statusCode, 422, 'other defaults kept')

  const replaced = await buildSigningApp(t, { database: shared, config: { ...NO_POW, blockedEmailDomains: ['-*', 'spam.example'] } })
  t.equal((await sign(replaced, { email: 'a@yopmail.com' })).statusCode, 202, '-* drops the defaults')
  t.equal((await sign(replaced, { email: 'a@spam.example' })).statusCode, 422)
})

t.test('WEGOV_RATE_LIMIT=off lifts every limit (benchmarks)', async (t) => {
  const app = await buildSigningApp(t, { database: shared, config: { ...NO_POW, rateLimit: false, signIpFlagAt: 1, signIpRefuseAt: 2 } })
  for (let i = 0; i < 4; i++) t.same((await sign(app, { email: 'same@example.org' })).json(), { flag: null })
  t.equal((await sign(app, { email: 'a@mailinator.com' })).statusCode, 422, 'the blocklist still applies')
})

t.test('without Redis, each instance counts on its own', async (t) => {
  const config = { ...NO_POW, redisUrl: undefined, signIpFlagAt: 1, signIpRefuseAt: 3 }
  const a = await buildSigningApp(t, { database: shared, config })
  const b = await buildSigningApp(t, { database: shared, config })
  t.same([(await sign(a)).json().flag, (await sign(a)).json().flag], [null, 'ip-burst'])
  t.same([(await sign(b)).json().flag, (await sign(b)).json().flag], [null, 'ip-burst'], 'B never saw the hits on A')
  t.equal((await sign(a)).statusCode, 202)
  t.equal((await sign(a)).statusCode, 429)
  t.equal((await sign(b)).statusCode, 202)
})

t.test('with Redis, two instances share every count', async (t) => {
  const config = { ...NO_POW, redisUrl: REDIS_URL, redisKeyPrefix: await redisPrefix(t), signIpFlagAt: 1, signIpRefuseAt: 4 }
  const a = await buildSigningApp(t, { database: shared, config })
  const b = await buildSigningApp(t, { database: shared, config })

  t.equal((await sign(a)).json().flag, null)
  t.equal((await sign(b)).json().flag, 'ip-burst', 'the soft limit counts hits on A when on B')
  t.equal((await sign(a)).statusCode, 202)
  t.equal((await sign(b)).statusCode, 202)
  assertRateLimited(t, await sign(a), 600)
  assertRateLimited(t, await sign(b), 600)

  const email = 'shared@example.org'
  for (let i = 0; i < a.abuse.settings.signEmailRefuseAt; i++) {
    const app = i % 2 === 0 ? a : b
    t.equal((await sign(app, { email, ip: `192.0.2.${i + 1}` })).statusCode, 202)
  }
  assertRateLimited(t, await sign(b, { email, ip: '192.0.2.100' }), 3600)

  const other = await buildSigningApp(t, { database: shared, config: { ...config, redisKeyPrefix: await redisPrefix(t) } })
  t.equal((await sign(other)).statusCode, 202, 'another prefix is another set of counts')
})

t.test('an unreachable Redis at start-up stops the start', async (t) => {
  await t.rejects(buildSigningApp(t, { config: { ...NO_POW, redisUrl: 'redis://127.0.0.1:1' } }), /Cannot reach Redis/)
})
