import type { KyselyPlugin, RootOperationNode } from 'kysely'
import { sql } from 'kysely'
import t from 'tap'
import { ERRORS } from '../src/errors.js'
import { lastMail, ORIGIN_HEADERS, sessionCookieOf, signIn } from './helpers/accounts.js'
import { REDIS_URL, redisPrefix } from './helpers/signing-app.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

/**
 * Signing in by email code, through HTTP and the development mailbox: the code and the link, wrong,
 * spent and expired codes, the same answer (and the same database work) for every address, the
 * per-address limit, the first sign-in and the admin bootstrap.
 */
const ACCOUNT_TABLES = new Set(['people', 'sign_in_codes', 'sessions', 'change_log', 'memberships'])

/** Records which statements touch the account tables, in order, to compare the work two requests did. */
function statementRecorder() {
  let log: string[] = []
  const plugin: KyselyPlugin = {
    transformQuery({ node }) {
      const tables = [...JSON.stringify(node).matchAll(/"SchemableIdentifierNode","identifier":\{"kind":"IdentifierNode","name":"(\w+)"/g)].map((m) => m[1]!)
      const statement = `${(node as RootOperationNode).kind} ${[...new Set(tables)].join(',')}`
      // The change consumers' backstop timer reads the log in the background whenever it comes due; counted
      // for one of two requests, it would make their work differ. No request reads the log.
      if (statement === 'SelectQueryNode change_log') return node
      if (tables.some((table) => ACCOUNT_TABLES.has(table))) log.push(statement)
      return node
    },
    async transformResult({ result }) {
      return result
    },
  }
  return { plugin, take: () => [log, (log = [])][0] as string[] }
}

const recorder = statementRecorder()
const database = await openTestDatabase(t)
const recorded = { ...database, db: database.db.withPlugin(recorder.plugin) }
const config = { mailPollMs: 3_600_000, jobIntervalSeconds: 3600, adminEmails: ['boss@example.org'] }
const app = await buildTestApp(t, { database: recorded, config })

const askCode = (email: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/v1/auth/code', payload: { email, ...extra }, headers })
const verify = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/v1/auth/code/verify', payload, headers })

t.test('the code flow: ask, read the mail, sign in; the person is created in the language asked', async (t) => {
  const asked = await askCode('Amal.Test@Example.org', { lang: 'ar' })
  t.equal(asked.statusCode, 202)
  t.equal(asked.json().detail, 'إذا كان هذا العنوان يستقبل الرسائل، فإن رمز تسجيل الدخول في طريقه إليك. وهو صالح لمدة 10 دقائق.')
  const mail = await lastMail(app, 'amal.test@example.org')
  t.match(mail.code, /^\d{6}$/, 'a 6-digit code')
  t.match(mail.html, /<html lang="ar" dir="rtl">/, 'the mail is in Arabic, right to left')
  t.match(mail.html, new RegExp(`dir="ltr">${mail.code}<`), 'the code reads left to right')
  t.match(mail.links.signIn, /^http:\/\/localhost\/console\/sign-in\?token=[\w.-]+&lang=ar$/, 'the link opens the console page')
  t.notOk(mail.text.includes('amal'), 'the mail does not repeat the address')

  const stored = await app.db.selectFrom('sign_in_codes').selectAll().execute()
  t.equal(stored.length, 1)
  t.notOk(JSON.stringify(stored).includes(mail.code!), 'the code is stored hashed only')
  t.notOk(JSON.stringify(stored).toLowerCase().includes('amal'), 'the address is not stored')

  const signedIn = await verify({ email: 'amal.test@example.org', code: mail.code })
  t.equal(signedIn.statusCode, 200)
  const me = signedIn.json()
  t.match(me, { email: 'amal.test@example.org', name: '', lang: 'ar', platformRole: null, memberships: [] })
  const setCookie = String(signedIn.headers['set-cookie'])
  t.match(setCookie, /^__Host-wegov_session=/)
  t.match(setCookie, /HttpOnly/)
  t.match(setCookie, /SameSite=Lax/)
  t.match(setCookie, /Secure/)
  const cookie = sessionCookieOf(signedIn)
  const read = await app.inject({ method: 'GET', url: '/v1/me', headers: { cookie } })
  t.equal(read.statusCode, 200)
  t.same(read.json(), me)
  t.equal(await app.db.selectFrom('sign_in_codes').select('email_hash').execute().then((rows) => rows.length), 0, 'the code is spent')
  t.equal((await verify({ email: 'amal.test@example.org', code: mail.code })).json().code, 'WEGOV_SIGN_IN_CODE_INVALID', 'and works only once')
  const events = await app.db.selectFrom('change_log').select(['action', 'actor_person_id', 'after']).where('subject_id', '=', me.id).execute()
  t.same(events, [{ action: 'person.signed_in', actor_person_id: me.id, after: { method: 'code', firstSignIn: true } }])
})

t.test('the link flow: the token of the mail signs in once; a GET of the link signs nobody in', async (t) => {
  await askCode('link@example.org', {}, { 'accept-language': 'fr-TN,fr;q=0.9' })
  const mail = await lastMail(app, 'link@example.org')
  t.match(mail.subject, /^Votre code de connexion WeGov/, 'in the language of Accept-Language')
  const token = new URL(mail.links.signIn!).searchParams.get('token')!
  const opened = await app.inject({ method: 'GET', url: new URL(mail.links.signIn!).pathname + new URL(mail.links.signIn!).search })
  t.notOk(String(opened.headers['set-cookie'] ?? '').includes('wegov_session'), 'opening the link sets no session')
  t.equal((await app.db.selectFrom('sign_in_codes').select('email_hash').execute()).length, 1, 'and leaves the code alone')

  const signedIn = await verify({ token })
  t.equal(signedIn.statusCode, 200)
  t.equal(signedIn.json().email, 'link@example.org')
  t.equal(signedIn.json().lang, 'fr')
  t.ok(sessionCookieOf(signedIn))
  t.equal((await verify({ token })).json().code, 'WEGOV_SIGN_IN_CODE_INVALID', 'a used link is refused')
  const forged = `${token.slice(0, 43)}.${Buffer.from('someone@example.org').toString('base64url')}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`
  t.equal((await verify({ token: forged })).json().code, 'WEGOV_SIGN_IN_CODE_INVALID', 'a forged token is refused')
  t.equal((await verify({ token: 'short' })).json().code, 'WEGOV_SIGN_IN_CODE_INVALID')
})

t.test('five wrong codes spend the code; the right one then fails too, until a new one is asked', async (t) => {
  await askCode('guess@example.org')
  const mail = await lastMail(app, 'guess@example.org')
  const wrong = String((Number(mail.code) + 1) % 1_000_000).padStart(6, '0')
  for (let attempt = 1; attempt <= 5; attempt++) {
    const answer = await verify({ email: 'guess@example.org', code: wrong })
    t.equal(answer.statusCode, 400, `wrong code ${attempt}`)
    t.equal(answer.json().code, 'WEGOV_SIGN_IN_CODE_INVALID')
  }
  const spent = await verify({ email: 'guess@example.org', code: mail.code }, { 'accept-language': 'ar' })
  t.equal(spent.statusCode, 400, 'the right code after five wrong ones')
  t.equal(spent.json().detail, ERRORS.WEGOV_SIGN_IN_CODE_INVALID.message.ar, 'said in the language of the request')
  await askCode('guess@example.org')
  const fresh = await lastMail(app, 'guess@example.org')
  t.equal((await verify({ email: 'guess@example.org', code: fresh.code })).statusCode, 200, 'a new code works')
})

t.test('a code past its 10 minutes: 410 for whoever holds it, 400 for a wrong one', async (t) => {
  await askCode('late@example.org')
  const mail = await lastMail(app, 'late@example.org')
  await app.db.updateTable('sign_in_codes').set({ expires_at: sql`now() - interval '1 second'` }).execute()
  const wrong = String((Number(mail.code) + 7) % 1_000_000).padStart(6, '0')
  t.equal((await verify({ email: 'late@example.org', code: wrong })).json().code, 'WEGOV_SIGN_IN_CODE_INVALID')
  const expired = await verify({ email: 'late@example.org', code: mail.code })
  t.equal(expired.statusCode, 410)
  t.equal(expired.json().code, 'WEGOV_SIGN_IN_CODE_EXPIRED')
  t.equal((await verify({ token: new URL(mail.links.signIn!).searchParams.get('token') })).statusCode, 410, 'the link too')
})

t.test('known and unknown addresses: the same answer, and the same database work', async (t) => {
  await signIn(app, 'known@example.org')
  // Nothing in the background meanwhile: the change consumers' first run (at start) is over, and a sign-in's
  // events do not wake them.
  await app.changeConsumers.catchUp()
  recorder.take()
  const known = await askCode('known@example.org')
  const knownWork = recorder.take()
  const unknown = await askCode('nobody-yet@example.org')
  const unknownWork = recorder.take()
  t.equal(known.statusCode, 202)
  t.equal(unknown.statusCode, 202)
  t.same(known.json(), unknown.json(), 'the same body')
  t.same(knownWork, unknownWork, 'the same statements')
  t.ok(knownWork.length > 0, 'statements were recorded')
  t.notOk(knownWork.some((statement) => statement.includes('people')), 'nobody is looked up')

  // A wrong code: for an address with a live code and for one without any.
  await app.db.deleteFrom('sign_in_codes').where('email_hash', 'is not', null).execute()
  await askCode('known@example.org')
  recorder.take()
  const knownWrong = await verify({ email: 'known@example.org', code: '000000' })
  const knownWrongWork = recorder.take()
  const unknownWrong = await verify({ email: 'never-asked@example.org', code: '000000' })
  const unknownWrongWork = recorder.take()
  t.same([knownWrong.statusCode, knownWrong.json().code], [400, 'WEGOV_SIGN_IN_CODE_INVALID'])
  t.same([unknownWrong.statusCode, unknownWrong.json().code], [400, 'WEGOV_SIGN_IN_CODE_INVALID'])
  t.same(knownWrongWork, unknownWrongWork, 'the same statements for a wrong code')
})

t.test('bad input: a clear problem in the language of the request', async (t) => {
  const invalid = await askCode('not-an-address', {}, { 'accept-language': 'fr' })
  t.equal(invalid.statusCode, 400)
  t.equal(invalid.json().code, 'WEGOV_INVALID_EMAIL')
  t.equal(invalid.json().detail, ERRORS.WEGOV_INVALID_EMAIL.message.fr)
  t.equal((await verify({ email: 'a@example.org' })).json().code, 'WEGOV_VALIDATION', 'email without code')
  t.equal((await verify({ email: 'a@example.org', code: '123456', token: 'x' })).json().code, 'WEGOV_VALIDATION', 'both ways at once')
  t.equal((await verify({ email: 'a@example.org', code: 'abc' })).json().code, 'WEGOV_SIGN_IN_CODE_INVALID', 'not a code')
  t.equal((await askCode('a@example.org', { lang: 'de' })).json().code, 'WEGOV_UNSUPPORTED_LANGUAGE', 'a language WeGov does not speak')
  const text = await app.inject({ method: 'POST', url: '/v1/auth/code', payload: 'email=a@example.org', headers: { 'content-type': 'text/plain' } })
  t.equal(text.statusCode, 415, 'JSON only')
})

t.test('five codes per hour per address, whoever asks; other addresses are not affected', async (t) => {
  // From a different IP each time: the limit is the address's, whoever asks.
  const fromIp = (ip: string, email: string) => app.inject({ method: 'POST', url: '/v1/auth/code', payload: { email }, remoteAddress: ip })
  for (let i = 1; i <= 5; i++) t.equal((await fromIp(`192.0.2.${i}`, 'flooded@example.org')).statusCode, 202, `code ${i}`)
  const refused = await fromIp('192.0.2.99', 'Flooded@example.org')
  t.equal(refused.statusCode, 429)
  t.equal(refused.json().code, 'WEGOV_RATE_LIMITED')
  t.ok(Number(refused.headers['retry-after']) > 0, 'with Retry-After')
  t.equal((await askCode('other@example.org')).statusCode, 202)
})

t.test('an address of WEGOV_ADMIN_EMAILS becomes platform admin at sign-in, by nobody', async (t) => {
  const cookie = await signIn(app, 'Boss@Example.org')
  const me = await app.inject({ method: 'GET', url: '/v1/me', headers: { cookie } })
  t.equal(me.json().platformRole, 'admin')
  const granted = await app.db.selectFrom('change_log').select(['action', 'actor_person_id', 'actor_key_id', 'request_id', 'after']).where('subject_id', '=', me.json().id).orderBy('id').execute()
  t.equal(granted[0]?.action, 'platform_role.granted')
  t.equal(granted[0]?.actor_person_id, null, 'granted by the configuration, not a person')
  t.ok(granted[0]?.request_id, 'in the sign-in request')
  t.equal(granted[1]?.action, 'person.signed_in')
  await signIn(app, 'boss@example.org')
  const grants = await app.db.selectFrom('change_log').select('id').where('subject_id', '=', me.json().id).where('action', '=', 'platform_role.granted').execute()
  t.equal(grants.length, 1, 'granted once, not at every sign-in')
})

t.test('a cookie write needs a WeGov origin', async (t) => {
  const cookie = await signIn(app, 'csrf@example.org')
  const patch = (headers: Record<string, string>) => app.inject({ method: 'PATCH', url: '/v1/me', payload: { name: 'Samir' }, headers: { cookie, ...headers } })
  const crossSite = await patch({ origin: 'https://evil.example' })
  t.equal(crossSite.statusCode, 403)
  t.equal(crossSite.json().code, 'WEGOV_CSRF')
  const noOrigin = await patch({})
  t.equal(noOrigin.json().code, 'WEGOV_CSRF', 'neither Origin nor Sec-Fetch-Site')
  t.equal((await patch({ 'sec-fetch-site': 'cross-site' })).json().code, 'WEGOV_CSRF')
  t.equal((await patch({ 'sec-fetch-site': 'same-origin' })).statusCode, 200, 'Sec-Fetch-Site: same-origin')
  t.equal((await patch(ORIGIN_HEADERS)).statusCode, 200, 'Origin: WeGov')
  const signOut = await app.inject({ method: 'POST', url: '/v1/auth/sign-out', headers: { cookie, origin: 'https://evil.example' } })
  t.equal(signOut.json().code, 'WEGOV_CSRF', 'a cross-site page cannot sign anyone out')
  t.equal((await app.inject({ method: 'GET', url: '/v1/me', headers: { cookie } })).statusCode, 200, 'still signed in')
})

t.test('the development mailbox: JSON for programs, a page for browsers', async (t) => {
  t.equal((await app.inject({ method: 'GET', url: '/dev/mailbox' })).json().code, 'WEGOV_VALIDATION', 'JSON needs an address')
  const form = await app.inject({ method: 'GET', url: '/dev/mailbox', headers: { accept: 'text/html,application/xhtml+xml', 'accept-language': 'fr' } })
  t.equal(form.statusCode, 200)
  t.match(form.headers['content-type'], /^text\/html/)
  t.match(form.body, /<html lang="fr" dir="ltr">/)
  t.match(form.body, /<label for="to">Adresse e-mail<\/label>/)
  t.match(form.body, /<input id="to" name="to" type="email" dir="ltr"/)
  t.match(form.headers['content-security-policy'], /default-src 'none'/)

  await askCode('page@example.org', { lang: 'en' })
  await askCode('page@example.org', { lang: 'fr' })
  await app.mail.deliverDue()
  const mails = await app.inject({ method: 'GET', url: '/dev/mailbox?to=page@example.org', headers: { accept: 'application/json' } })
  const [newest, oldest] = mails.json().items as { code: string }[]
  const page = await app.inject({ method: 'GET', url: '/dev/mailbox?to=Page@example.org&lang=ar', headers: { accept: 'text/html' } })
  t.match(page.body, /<html lang="ar" dir="rtl">/)
  const shown = [...page.body.matchAll(/<span class="code" dir="ltr">(\d{6})<\/span>/g)].map((m) => m[1])
  t.same(shown, [newest!.code, oldest!.code], 'codes left to right, newest first')
  t.match(page.body, /<h3 lang="fr" dir="ltr">Votre code de connexion WeGov/, 'each subject marked with its language')
  t.notMatch(JSON.stringify(app.swagger()), /dev\/mailbox/, 'hidden from the OpenAPI document')
})

t.test('demo accounts: the admin and the partners’ editors sign in through the development mailbox', async (t) => {
  const { loadDemoContent } = await import('../src/demo/load-demo.js')
  const { demoAccounts, loadDemoAccounts } = await import('../src/demo/demo-accounts.js')
  const demoDatabase = await openTestDatabase(t)
  t.ok(await loadDemoContent(demoDatabase.db), 'the demo loads')
  const demoApp = await buildTestApp(t, { database: demoDatabase, config: { mailPollMs: 3_600_000, jobIntervalSeconds: 3600 } })
  const accounts = demoAccounts()
  t.ok(accounts.length >= 8, 'the admin, an owner and the partners’ editors')
  t.equal(await demoApp.db.selectFrom('sessions').select('id').execute().then((rows) => rows.length), 0, 'no session is made for them')

  const admin = await demoApp.inject({ method: 'GET', url: '/v1/me', headers: { cookie: await signIn(demoApp, 'admin@wegov.localhost') } })
  t.match(admin.json(), { email: 'admin@wegov.localhost', platformRole: 'admin', memberships: [] })
  const editor = await demoApp.inject({ method: 'GET', url: '/v1/me', headers: { cookie: await signIn(demoApp, 'editor@accun.wegov.localhost') } })
  t.match(editor.json(), { platformRole: null, memberships: [{ organisation: { slug: 'accun' }, role: 'editor' }] })
  const owner = await demoApp.inject({ method: 'GET', url: '/v1/me', headers: { cookie: await signIn(demoApp, 'owner@gvc.wegov.localhost') } })
  t.match(owner.json(), { memberships: [{ organisation: { slug: 'gvc' }, role: 'owner' }] })

  for (const account of accounts) {
    const person = await demoApp.db.selectFrom('people').select(['platform_role']).where('email', '=', account.email).executeTakeFirst()
    t.equal(person?.platform_role, account.platformRole, `${account.email} exists, with its platform role`)
  }
  t.equal(await loadDemoContent(demoDatabase.db), null, 'loading again loads nothing')
  t.equal(await loadDemoAccounts(demoDatabase.db), 0, 'and adds no account')
  const people = await demoApp.db.selectFrom('people').select('id').execute()
  t.equal(people.length, accounts.length)
})

t.test('the per-address limit is shared by every instance through Redis', async (t) => {
  const shared = { ...config, redisUrl: REDIS_URL, redisKeyPrefix: await redisPrefix(t) }
  const first = await buildTestApp(t, { database, config: shared })
  const second = await buildTestApp(t, { database, config: shared })
  const ask = (instance: typeof first) => instance.inject({ method: 'POST', url: '/v1/auth/code', payload: { email: 'shared@example.org' } })
  for (let i = 1; i <= 3; i++) t.equal((await ask(first)).statusCode, 202, `first instance, code ${i}`)
  for (let i = 4; i <= 5; i++) t.equal((await ask(second)).statusCode, 202, `second instance, code ${i}`)
  t.equal((await ask(second)).json().code, 'WEGOV_RATE_LIMITED', 'the sixth is refused, wherever it is asked')
  t.equal((await ask(first)).statusCode, 429)
})

t.test('one IP asking for codes for many addresses is limited too', async (t) => {
  const ask = (i: number) => app.inject({ method: 'POST', url: '/v1/auth/code', payload: { email: `many-${i}@example.org` }, remoteAddress: '198.51.100.7' })
  const statuses: number[] = []
  for (let i = 0; i < 31; i++) statuses.push((await ask(i)).statusCode)
  t.same(statuses.slice(0, 30), Array(30).fill(202), '30 codes per 10 minutes per IP')
  t.equal(statuses[30], 429)
  const other = await app.inject({ method: 'POST', url: '/v1/auth/code', payload: { email: 'many-0@example.org' }, remoteAddress: '198.51.100.8' })
  t.equal(other.statusCode, 202, 'another IP is not affected')
})
