import t from 'tap'
import { SoftAuthenticator } from '../../api/test/helpers/soft-authenticator.js'
import { createClient, NotFoundError, UnauthorisedError, ValidationError, type WeGovError } from '../src/index.js'
import { browserFetch, lastMailTo, signedInClient } from './helpers/console-browser.js'
import { startApi } from './helpers/servers.js'

/*
 * Signing in and one's own account through the SDK, against the real API, as the console does it: a client
 * on WeGov's origin with credentials: 'include' (helpers/console-browser.ts keeps the cookie as a browser would).
 */

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error as WeGovError,
  )

t.test('signing in with the emailed code, the account, and its sessions', async (t) => {
  const { app, baseUrl } = await startApi(t, { config: { adminEmails: ['amira@example.org'] } })

  t.test('the code from the mailbox signs in; the answer and /me are the person', async (t) => {
    const jar = browserFetch(baseUrl)
    const wegov = createClient({ baseUrl, lang: 'fr', credentials: 'include', fetch: jar })
    const sent = await wegov.auth.requestCode({ email: 'Amira@Example.org', lang: 'fr' })
    t.match(sent.detail, /code/)
    const mail = await lastMailTo(app, baseUrl, 'amira@example.org')
    t.match(mail.code, /^\d{6}$/)

    const wrong = await rejection(wegov.auth.verifyCode({ email: 'amira@example.org', code: mail.code === '000000' ? '111111' : '000000' }))
    t.ok(wrong instanceof ValidationError)
    t.match(wrong, { status: 400, code: 'WEGOV_SIGN_IN_CODE_INVALID', lang: 'fr' })

    const me = await wegov.auth.verifyCode({ email: 'amira@example.org', code: mail.code ?? '' })
    t.match(me, { email: 'amira@example.org', platformRole: 'admin', memberships: [] })
    t.equal(jar.cookies.size, 1, 'the session cookie is kept')
    t.same(await wegov.me.get(), me)
    t.match(await wegov.whoami(), { kind: 'person', personId: me.id })

    const renamed = await wegov.me.update({ name: 'Amira Ben Salah', lang: 'ar' })
    t.match(renamed, { name: 'Amira Ben Salah', lang: 'ar' })
  })

  t.test('the emailed link signs in too, once', async (t) => {
    const wegov = createClient({ baseUrl, credentials: 'include', fetch: browserFetch(baseUrl) })
    await wegov.auth.requestCode({ email: 'youssef@example.org', lang: 'en' })
    const link = Object.values((await lastMailTo(app, baseUrl, 'youssef@example.org')).links).find((url) => url.includes('token='))
    const token = new URL(link ?? 'http://x/').searchParams.get('token') ?? ''
    t.match(await wegov.auth.verifyToken(token), { email: 'youssef@example.org', platformRole: null })
    const again = await rejection(createClient({ baseUrl, credentials: 'include', fetch: browserFetch(baseUrl) }).auth.verifyToken(token))
    t.match(again, { code: 'WEGOV_SIGN_IN_CODE_INVALID' })
  })

  t.test('sessions: listed, one revoked, then all; signed out, calls get WEGOV_UNAUTHENTICATED', async (t) => {
    const laptop = await signedInClient(app, baseUrl, 'salma@example.org')
    const phone = await signedInClient(app, baseUrl, 'salma@example.org')
    const tablet = await signedInClient(app, baseUrl, 'salma@example.org')
    const { items } = await laptop.wegov.me.sessions()
    t.equal(items.length, 3)
    t.equal(items.filter((s) => s.current).length, 1, 'one of them is this one')
    t.match(items[0], { method: 'code', createdAt: String, expiresAt: String })

    const phoneSession = (await phone.wegov.me.sessions()).items.find((s) => s.current)!
    await laptop.wegov.me.revokeSession(phoneSession.id)
    const revoked = await rejection(phone.wegov.me.get())
    t.ok(revoked instanceof UnauthorisedError)
    t.match(revoked, { status: 401, code: 'WEGOV_UNAUTHENTICATED' })
    const unknown = await rejection(laptop.wegov.me.revokeSession(phoneSession.id))
    t.ok(unknown instanceof NotFoundError, 'a revoked session is not found twice')

    await tablet.wegov.auth.signOut()
    t.equal(tablet.fetch.cookies.size, 0, 'signing out clears the cookie')
    t.match(await rejection(tablet.wegov.me.get()), { code: 'WEGOV_UNAUTHENTICATED' })
    t.match(await tablet.wegov.whoami(), { kind: 'anonymous' })

    await laptop.wegov.me.revokeAllSessions()
    t.match(await rejection(laptop.wegov.me.get()), { code: 'WEGOV_UNAUTHENTICATED' })
  })

  t.test('a cookie write from another origin is refused as CSRF', async (t) => {
    const { wegov, fetch: jar } = await signedInClient(app, baseUrl, 'nour@example.org')
    // The same cookie, sent by a page of another site.
    const foreign = createClient({
      baseUrl,
      credentials: 'include',
      fetch: (input, init) => {
        const headers = new Headers(init?.headers)
        headers.set('cookie', [...jar.cookies].map(([name, value]) => `${name}=${value}`).join('; '))
        headers.set('origin', 'https://evil.example')
        return fetch(input, { ...init, headers })
      },
    })
    const refused = await rejection(foreign.me.update({ name: 'Mallory' }))
    t.ok(refused instanceof UnauthorisedError)
    t.match(refused, { status: 403, code: 'WEGOV_CSRF' })
    t.equal((await wegov.me.get()).name, '', 'nothing was changed')
  })

  t.test('passkeys: registered, listed, signed in with (no address), removed; a forged answer refused', async (t) => {
    const { wegov, me } = await signedInClient(app, baseUrl, 'hedi@example.org')
    // A software authenticator answering the real challenges, as a browser's would (the public URL is http://localhost).
    const authenticator = new SoftAuthenticator('http://localhost')
    const { challengeId, options } = await wegov.me.passkeyOptions()
    const passkey = await wegov.me.addPasskey({ challengeId, name: 'Phone', response: authenticator.register(options) })
    t.match(passkey, { id: authenticator.id, name: 'Phone', lastUsedAt: null })
    t.same((await wegov.me.passkeys()).items, [passkey])

    const elsewhere = createClient({ baseUrl, credentials: 'include', fetch: browserFetch(baseUrl) })
    const signIn = await elsewhere.auth.passkeyOptions()
    const signedIn = await elsewhere.auth.verifyPasskey({ challengeId: signIn.challengeId, response: authenticator.authenticate(signIn.options) })
    t.equal(signedIn.id, me.id, 'the passkey alone names the person')
    t.match(await elsewhere.me.get(), { email: 'hedi@example.org' })

    const replay = await elsewhere.auth.passkeyOptions()
    const forged = authenticator.authenticate(replay.options)
    forged.response.signature = Buffer.from('not a signature').toString('base64url')
    const refused = await rejection(elsewhere.auth.verifyPasskey({ challengeId: replay.challengeId, response: forged }))
    t.ok(refused instanceof ValidationError)
    t.match(refused, { status: 400, code: 'WEGOV_PASSKEY_INVALID' })

    await wegov.me.removePasskey(passkey.id)
    t.same((await wegov.me.passkeys()).items, [])
    t.ok((await rejection(wegov.me.removePasskey(passkey.id))) instanceof NotFoundError)
  })
})
