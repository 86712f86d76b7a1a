import t from 'tap'
import type { Config } from '../src/config.js'
import { buildSigningApp, sign } from './helpers/signing-app.js'
import { openTestDatabase } from './helpers/test-app.js'

// Proof of work is tested in abuse-pow.test.ts; here it is off so that only the limits are in play.
const NO_POW: Partial<Config> = { pow: false }
// One database for the file (a PGlite takes seconds to start); apps on it share only what they should.
const shared = await openTestDatabase(t)

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
