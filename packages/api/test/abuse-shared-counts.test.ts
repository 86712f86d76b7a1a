import t from 'tap'
import type { Config } from '../src/config.js'
import { assertRateLimited, buildSigningApp, sign, redisPrefix, REDIS_URL } from './helpers/signing-app.js'
import { openTestDatabase } from './helpers/test-app.js'

// Proof of work is tested in abuse-pow.test.ts; here it is off so that only the limits are in play.
const NO_POW: Partial<Config> = { pow: false }
// One database for the file (a PGlite takes seconds to start); apps on it share only what they should.
const shared = await openTestDatabase(t)

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
