import t from 'tap'
import { ConflictError, UnauthorisedError, createClient, type WeGovError } from '../src/index.js'
import { lastMailTo, signedInClient } from './helpers/console-browser.js'
import { startApi } from './helpers/servers.js'

/* Launching a petition through the SDK against the real API: draft, sponsors through the link, moderation. */

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error as WeGovError,
  )

t.test('a citizen drafts, sponsors sign through the link, a moderator approves', async (t) => {
  const { app, baseUrl } = await startApi(t, { config: { adminEmails: ['admin@example.org'], petitionSponsors: 2, rateLimit: false } })
  const citizen = (await signedInClient(app, baseUrl, 'citizen@example.org', 'fr')).wegov
  const admin = (await signedInClient(app, baseUrl, 'admin@example.org')).wegov

  const draft = await citizen.launches.draft({
    originalLang: 'fr',
    title: { fr: 'Des bancs au jardin public' },
    country: 'TN',
    themes: ['local-democracy'],
    goal: 300,
    closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  })
  t.equal(draft.status, 'draft')
  const translated = await citizen.launches.update(draft.id, { title: { ar: 'مقاعد في الحديقة العمومية' } })
  t.same(translated.texts.title, { fr: 'Des bancs au jardin public', ar: 'مقاعد في الحديقة العمومية' })
  const submitted = await citizen.launches.submit(draft.id)
  t.equal(submitted.status, 'collecting_sponsors')
  const token = submitted.sponsors!.token!

  const anonymous = createClient({ baseUrl, lang: 'ar' })
  const page = await anonymous.launches.sponsorLink(token)
  t.equal(page.petition.title.text, 'مقاعد في الحديقة العمومية')
  t.ok((await rejection(citizen.moderation.petitions())) instanceof UnauthorisedError, 'a citizen is no moderator')

  for (const email of ['one@example.org', 'two@example.org']) {
    const receipt = await anonymous.launches.sponsor(token, {
      firstName: 'Nour', lastName: 'Haddad', email, country: 'TN', display: 'anonymous', locale: 'ar',
      consents: { processing: true, newsFromOrganiser: false, newsFromPartner: false },
    })
    t.equal(receipt.petitionId, draft.id)
    const { code } = await lastMailTo(app, baseUrl, email)
    await anonymous.signatures.confirm({ petition: draft.id, email, code: code ?? '' })
  }
  t.equal((await citizen.launches.get(draft.id)).status, 'pending_review')
  t.ok((await rejection(anonymous.launches.sponsorLink(token))) instanceof ConflictError, 'the link closes once it has its sponsors')

  t.same((await admin.moderation.petitions()).items.map((item) => item.id), [draft.id])
  await admin.moderation.claim(draft.id)
  const open = await admin.moderation.approve(draft.id)
  t.equal(open.status, 'open')
  const petition = await anonymous.petitions.get(draft.id)
  t.equal(petition.signatureCount, 2)
  t.same((await citizen.launches.list()).items.map((item) => item.status), ['open'])
  t.same((await admin.moderation.flaggedSignatures()).items, [], 'nothing is held')
  t.same(await admin.moderation.releaseSignatures([draft.id]), { changed: 0 }, 'only held signatures change')
  t.equal((await citizen.launches.close(draft.id)).status, 'closed', 'its creator closes it early')
  t.equal((await anonymous.petitions.get(draft.id, { fresh: true })).status, 'closed')
  t.ok((await rejection(citizen.launches.close(draft.id))) instanceof ConflictError, 'closing twice is refused')
})
