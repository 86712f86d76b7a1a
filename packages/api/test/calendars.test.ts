import ical, { type VEvent } from 'node-ical'
import t from 'tap'
import { ORGANISATIONS, addResource, daysFromNow } from './helpers/content-fixtures.js'
import { MERGE_PATCH, buildWritersApp, resourceBody } from './helpers/content-writers.js'

/** The VEVENTs of an iCalendar text, read by an independent parser (node-ical). */
function eventsOf(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT')
}

const textOf = (value: unknown) => (typeof value === 'string' ? value : (value as { val: string }).val)
/** iCalendar times have whole seconds: an instant as a calendar holds it. */
const toSecond = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString()

t.test('webinar calendars', async (t) => {
  const { app, ngo, writers } = await buildWritersApp(t, { publicUrl: 'http://localhost' })
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })

  const upcoming = {
    startsAt: daysFromNow(3),
    endsAt: new Date(Date.parse(daysFromNow(3)) + 90 * 60_000).toISOString(),
    joinUrl: 'https://meet.example.org/wegov/budget',
    recordingUrl: null,
  }
  const trilingual = await addResource(app.db, {
    slug: 'webinar-budget',
    kind: 'webinar',
    title: { fr: 'Budget participatif', ar: 'الميزانية التشاركية', en: 'Participatory budgeting' },
    summary: { fr: 'Retour d’expérience.' },
    publisherSlug: ORGANISATIONS.funder,
    themes: ['citizen-participation'],
    webinar: upcoming,
  })
  const past = { startsAt: '2025-03-04T09:30:00.000Z', endsAt: null as unknown as string, joinUrl: null, recordingUrl: 'https://video.example.org/past' }
  const frenchOnly = await addResource(app.db, {
    slug: 'webinar-past-fr',
    kind: 'webinar',
    title: { fr: 'Données ouvertes' },
    countries: ['MA'],
    themes: ['transparency'],
    webinar: past,
  })
  const article = await addResource(app.db, { slug: 'not-a-webinar', title: { fr: 'Un article' } })

  // The cancelled one goes through the write API: cancelledAt is part of the webinar it edits.
  const webinar = { startsAt: daysFromNow(10), endsAt: daysFromNow(10.05), joinUrl: 'https://meet.example.org/wegov/off', recordingUrl: null }
  const created = await writers.editor.request('POST', `/v1/organisations/${ngo}/resources`, {
    payload: resourceBody({ state: 'published', collection: 'learning', kind: 'webinar', title: { fr: 'Webinaire annulé' }, webinar }),
  })
  t.equal(created.statusCode, 201, created.body)
  const cancelledAt = new Date().toISOString()
  const patched = await writers.editor.request('PATCH', `/v1/resources/${created.json().id}`, {
    payload: { webinar: { ...webinar, cancelledAt } },
    headers: { ...MERGE_PATCH, 'if-match': created.headers.etag as string },
  })
  t.equal(patched.statusCode, 200, patched.body)
  const cancelled = created.json() as { id: string; slug: string }

  t.test('a feed per language: every webinar, titles in that language or marked as another', async (t) => {
    const en = await get('/v1/resources/webinars.ics?lang=en')
    t.equal(en.statusCode, 200)
    t.match(en.headers['content-type'], /^text\/calendar; charset=utf-8/)
    t.ok(en.headers.etag, 'an ETag')
    t.match(en.headers['cache-control'], /public, max-age=\d+/)
    const events = eventsOf(en.body)
    t.equal(events.length, 3, 'the three webinars, not the article')
    const byUid = Object.fromEntries(events.map((e) => [e.uid, e]))
    t.same(Object.keys(byUid).sort(), [trilingual.id, frenchOnly.id, cancelled.id].map((id) => `${id}@localhost`).sort(), 'UIDs: id at the configured host')
    t.equal(textOf(byUid[`${trilingual.id}@localhost`]!.summary), 'Participatory budgeting')
    const fallback = byUid[`${frenchOnly.id}@localhost`]!
    t.equal(textOf(fallback.summary), 'Données ouvertes', 'no English title: the French one')
    t.match(textOf(fallback.description), 'Title not translated into English: shown in French.')

    const ar = eventsOf((await get('/v1/resources/webinars.ics', { 'accept-language': 'ar' })).body)
    t.equal(textOf(ar.find((e) => e.uid.startsWith(trilingual.id))!.summary), 'الميزانية التشاركية', 'Accept-Language picks Arabic')
    t.match(textOf(ar.find((e) => e.uid.startsWith(frenchOnly.id))!.description), 'الفرنسية')
    const fr = eventsOf((await get('/v1/resources/webinars.ics?lang=fr')).body)
    t.notMatch(textOf(fr.find((e) => e.uid.startsWith(frenchOnly.id))!.description ?? ''), 'non traduit', 'no note when the title is in French')
  })

  t.test('times are the stored instants; links, status and modification times', async (t) => {
    const events = eventsOf((await get('/v1/resources/webinars.ics?lang=fr')).body)
    const soon = events.find((e) => e.uid.startsWith(trilingual.id))!
    t.equal(soon.start.toISOString(), toSecond(upcoming.startsAt))
    t.equal(soon.end!.toISOString(), toSecond(upcoming.endsAt))
    t.equal(textOf(soon.url), upcoming.joinUrl, 'the join link')
    t.equal(soon.status, 'CONFIRMED')
    const stored = (await get(`/v1/resources/${trilingual.id}`)).json()
    t.equal(soon.lastmodified!.toISOString(), toSecond(stored.updatedAt))
    const old = events.find((e) => e.uid.startsWith(frenchOnly.id))!
    t.equal(old.start.toISOString(), past.startsAt)
    t.equal(textOf(old.url), past.recordingUrl, 'no join link: the recording')
    const off = events.find((e) => e.uid.startsWith(cancelled.id))!
    t.equal(off.status, 'CANCELLED')
    t.match(textOf(off.description), 'Ce webinaire est annulé.')
    t.match((await get(`/v1/resources/${cancelled.id}`)).json().webinar, { cancelledAt })
  })

  t.test('the list filters apply', async (t) => {
    const uids = async (query: string) => eventsOf((await get(`/v1/resources/webinars.ics?${query}`)).body).map((e) => e.uid.split('@')[0])
    t.same(await uids('country=MA'), [frenchOnly.id])
    t.same(await uids('theme=citizen-participation'), [trilingual.id])
    t.same(await uids(`organisation=${ORGANISATIONS.funder}`), [trilingual.id])
    t.same(await uids('upcoming=false'), [frenchOnly.id])
    const bad = await get('/v1/resources/webinars.ics?kind=article')
    t.equal(bad.statusCode, 400, 'a calendar is of webinars only')
    t.match(bad.headers['content-type'], /^application\/problem\+json/)
  })

  t.test('one webinar’s file, and 404 for anything else', async (t) => {
    const res = await get(`/v1/resources/${trilingual.slug}/calendar.ics?lang=ar`)
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^text\/calendar/)
    t.match(res.headers['content-disposition'], `filename="${trilingual.slug}.ics"`)
    const [event, ...others] = eventsOf(res.body)
    t.equal(others.length, 0)
    t.equal(event!.uid, `${trilingual.id}@localhost`)
    t.equal(textOf(event!.summary), 'الميزانية التشاركية')
    t.equal(event!.start.toISOString(), toSecond(upcoming.startsAt))
    const again = await get(`/v1/resources/${trilingual.slug}/calendar.ics?lang=ar`, { 'if-none-match': res.headers.etag as string })
    t.equal(again.statusCode, 304)
    t.match(again.headers['cache-control'], /max-age/)

    for (const idOrSlug of [article.slug, article.id, 'no-such-webinar']) {
      const missing = await get(`/v1/resources/${idOrSlug}/calendar.ics`)
      t.equal(missing.statusCode, 404, idOrSlug)
      t.match(missing.headers['content-type'], /^application\/problem\+json/)
      t.match(missing.json(), { code: 'WEGOV_NOT_FOUND' })
    }
  })
})
