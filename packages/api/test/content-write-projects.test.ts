import { sql } from 'kysely'
import t from 'tap'
import { MERGE_PATCH, buildWritersApp, projectBody } from './helpers/content-writers.js'

t.test('an editor creates a draft, reads its source, adds French later, and publishes it', async (t) => {
  const { app, ngo, writers } = await buildWritersApp(t)
  const created = await writers.editor.request('POST', `/v1/organisations/${ngo}/projects`, { payload: projectBody() })
  t.equal(created.statusCode, 201, created.body)
  const project = created.json()
  t.equal(created.headers.location, `/v1/projects/${project.id}`)
  t.equal(created.headers.etag, `"${project.id}.1"`)
  t.equal(project.state, 'draft')
  t.equal(project.version, 1)
  t.equal(project.slug, 'almyzanya-altsharkya-fy-sfaqs', 'an Arabic-only title gives its transliteration')
  t.same(project.title, { ar: 'الميزانية التشاركية في صفاقس' })

  const source = await writers.editor.request('GET', `/v1/projects/${project.id}/source`)
  t.equal(source.statusCode, 200)
  t.equal(source.headers.etag, `"${project.id}.1"`)
  t.equal(source.headers['cache-control'], 'no-store')

  const patched = await writers.editor.request('PATCH', `/v1/projects/${project.id}`, {
    headers: { ...MERGE_PATCH, 'if-match': source.headers.etag as string },
    payload: { title: { fr: 'Budget participatif à Sfax' } },
  })
  t.equal(patched.statusCode, 200, patched.body)
  t.same(patched.json().title, { ar: 'الميزانية التشاركية في صفاقس', fr: 'Budget participatif à Sfax' }, 'French added, Arabic kept')
  t.equal(patched.json().version, 2)
  t.equal(patched.json().slug, 'budget-participatif-a-sfax', 'a draft’s slug follows its title, French first')
  t.equal(patched.headers.etag, `"${project.id}.2"`)

  const published = await writers.editor.request('PATCH', `/v1/projects/${project.id}`, {
    headers: { ...MERGE_PATCH, 'if-match': patched.headers.etag as string },
    payload: { state: 'published' },
  })
  t.equal(published.statusCode, 200, published.body)
  t.equal(published.json().state, 'published')
  t.ok(published.json().firstPublishedAt)

  const events = await app.db.selectFrom('change_log').select(['action', 'version', 'public', 'origin', 'after']).where('subject_id', '=', project.id).orderBy('id').execute()
  t.same(
    events.map((e) => [e.action, e.version, e.public]),
    [
      ['project.created', 1, false],
      ['project.updated', 2, false],
      ['project.published', 3, true],
    ],
  )
  t.equal(events[0]!.origin, 'http://localhost')
  t.same(events[1]!.after, { fields: ['title.fr', 'slug'] }, 'the fields changed, never their values')
})

t.test('the write conventions: If-Match, Idempotency-Key, merge patch per language, slugs, validation, delete and restore', async (t) => {
  const { app, ngo, writers } = await buildWritersApp(t)
  const editor = writers.editor
  const create = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    editor.request('POST', `/v1/organisations/${ngo}/projects`, { payload: projectBody(body), headers })
  const patch = (id: string, payload: unknown, ifMatch?: string) =>
    editor.request('PATCH', `/v1/projects/${id}`, { payload, headers: { ...MERGE_PATCH, ...(ifMatch ? { 'if-match': ifMatch } : {}) } })

  t.test('If-Match: missing is 428, stale is 412 with the current ETag and version, current succeeds', async (t) => {
    const project = (await create({})).json()
    const missing = await patch(project.id, { summary: { fr: 'x' } })
    t.equal(missing.statusCode, 428)
    t.equal(missing.json().code, 'WEGOV_PRECONDITION_REQUIRED')
    const first = await patch(project.id, { summary: { fr: 'Première' } }, `"${project.id}.1"`)
    t.equal(first.statusCode, 200)
    const stale = await patch(project.id, { summary: { fr: 'Seconde' } }, `"${project.id}.1"`)
    t.equal(stale.statusCode, 412)
    t.equal(stale.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.equal(stale.json().code, 'WEGOV_EDIT_CONFLICT')
    t.equal(stale.headers.etag, `"${project.id}.2"`)
    t.equal(stale.json().currentVersion, 2)
    t.same((await editor.request('GET', `/v1/projects/${project.id}/source`)).json().summary, { ar: 'مشروع تجريبي', fr: 'Première' }, 'nothing overwritten')
    const otherItemsTag = await patch(project.id, { summary: { fr: 'x' } }, `"00000000-0000-4000-8000-000000000000.2"`)
    t.equal(otherItemsTag.statusCode, 412, 'another item’s ETag with the same version does not match')
    const noop = await patch(project.id, { summary: { fr: 'Première' } }, `"${project.id}.2"`)
    t.equal(noop.json().version, 2, 'a patch that changes nothing writes no new version')
  })

  t.test('Idempotency-Key: a retry returns the same item, another body is 422, another actor is another request', async (t) => {
    const headers = { 'idempotency-key': 'retry-key-0001' }
    const first = await create({ title: { ar: 'مشروع المفتاح' } }, headers)
    const again = await create({ title: { ar: 'مشروع المفتاح' } }, headers)
    t.equal(first.statusCode, 201)
    t.equal(again.statusCode, 201)
    t.equal(again.json().id, first.json().id)
    t.equal(again.headers.etag, first.headers.etag)
    const count = await app.db.selectFrom('projects').select((eb) => eb.fn.countAll().as('n')).where(sql<boolean>`title @> ${JSON.stringify({ ar: 'مشروع المفتاح' })}::jsonb`).executeTakeFirstOrThrow()
    t.equal(Number(count.n), 1, 'one project')
    const other = await create({ title: { ar: 'مشروع آخر' } }, headers)
    t.equal(other.statusCode, 422)
    t.equal(other.json().code, 'WEGOV_IDEMPOTENCY_KEY_REUSED')
    const byOwner = await writers.owner.request('POST', `/v1/organisations/${ngo}/projects`, { payload: projectBody({ title: { ar: 'مشروع آخر' } }), headers })
    t.equal(byOwner.statusCode, 201, 'keys are per actor')
    const bad = await create({}, { 'idempotency-key': 'short' })
    t.equal(bad.json().code, 'WEGOV_IDEMPOTENCY_KEY_INVALID')
  })

  t.test('translations: one language at a time; the original language cannot be removed', async (t) => {
    const created = await create({ title: { ar: 'مشروع اللغات' } })
    const id = created.json().id
    const withFr = await patch(id, { title: { fr: 'Projet des langues' }, summary: { en: 'A pilot' } }, created.headers.etag as string)
    t.same(withFr.json().title, { ar: 'مشروع اللغات', fr: 'Projet des langues' })
    t.same(withFr.json().summary, { ar: 'مشروع تجريبي', en: 'A pilot' })
    const withoutFr = await patch(id, { title: { fr: null } }, withFr.headers.etag as string)
    t.same(withoutFr.json().title, { ar: 'مشروع اللغات' }, 'null removes a translation')
    const withoutAr = await patch(id, { title: { ar: null } }, withoutFr.headers.etag as string)
    t.equal(withoutAr.statusCode, 422)
    t.equal(withoutAr.json().code, 'WEGOV_ORIGINAL_LANGUAGE_REQUIRED')
    t.match(withoutAr.json().errors, [{ field: 'title.ar', code: 'WEGOV_ORIGINAL_LANGUAGE_REQUIRED' }])
    const missing = await create({ originalLang: 'fr', title: { ar: 'بدون فرنسية' } })
    t.equal(missing.json().code, 'WEGOV_ORIGINAL_LANGUAGE_REQUIRED', 'required at creation too')
  })

  t.test('slugs: from a Latin title, from an Arabic one, unique, following the title until published, then stable with a 301', async (t) => {
    const latin = (await create({ title: { ar: 'شفافية', fr: 'Transparence à Gabès' } })).json()
    t.equal(latin.slug, 'transparence-a-gabes')
    const twin = (await create({ title: { ar: 'شفافية', fr: 'Transparence à Gabès' } })).json()
    t.equal(twin.slug, 'transparence-a-gabes-2')
    const arabic = (await create({ title: { ar: 'مدينة قابس' } })).json()
    t.equal(arabic.slug, 'mdyna-qabs')
    const chosen = await create({ slug: 'transparence-a-gabes' })
    t.equal(chosen.statusCode, 409)
    t.equal(chosen.json().code, 'WEGOV_ITEM_SLUG_TAKEN')

    const published = await patch(latin.id, { state: 'published' }, `"${latin.id}.1"`)
    const retitled = await patch(latin.id, { title: { fr: 'Transparence budgétaire à Gabès' } }, published.headers.etag as string)
    t.equal(retitled.json().slug, 'transparence-a-gabes', 'stable once published')
    const renamed = await patch(latin.id, { slug: 'gabes-budget' }, retitled.headers.etag as string)
    t.equal(renamed.json().slug, 'gabes-budget')
    const old = await writers.anonymous.request('GET', '/v1/projects/transparence-a-gabes?lang=fr')
    t.equal(old.statusCode, 301)
    t.equal(old.headers.location, '/v1/projects/gabes-budget?lang=fr')
    t.equal((await writers.anonymous.request('GET', '/v1/projects/gabes-budget')).statusCode, 200)
    const taken = await create({ slug: 'transparence-a-gabes' })
    t.equal(taken.statusCode, 409, 'an old slug stays reserved for its redirect')
  })

  t.test('validation: every field’s fault with its code, in Arabic, French and English', async (t) => {
    const body = { countries: ['TN', 'ZZ'], website: 'javascript:alert(1)', plannedStart: '2026-05-01', plannedEnd: '2026-01-01', participants: [{ organisation: 'nobody-here', role: 'funding' }] }
    const details = new Set<string>()
    for (const lang of ['ar', 'fr', 'en']) {
      const res = await create(body, { 'accept-language': lang })
      t.equal(res.statusCode, 400)
      t.equal(res.headers['content-language'], lang)
      details.add(res.json().detail)
      t.match(res.json().errors, [
        { field: 'participants.0.organisation', code: 'WEGOV_UNKNOWN_ORGANISATION' },
        { field: 'plannedEnd', code: 'WEGOV_INVALID_DATE' },
        { field: 'countries.1', code: 'WEGOV_INVALID_COUNTRY' },
        { field: 'website', code: 'WEGOV_INVALID_URL' },
      ])
    }
    t.equal(details.size, 3, 'one message per language')
    const schema = await create({ status: 'unknown-status' })
    t.equal(schema.statusCode, 400)
    t.match(schema.json().errors, [{ field: 'status', code: 'WEGOV_VALIDATION' }])
    const unknown = await editor.request('PATCH', `/v1/projects/00000000-0000-4000-8000-000000000000`, { payload: { status: 'nonsense' }, headers: { ...MERGE_PATCH, 'if-match': '"x"' } })
    t.equal(unknown.statusCode, 404, 'an unknown id is 404 before its body is validated')
  })

  t.test('a malformed merge patch is WEGOV_MALFORMED_BODY', async (t) => {
    const project = (await create({})).json()
    const res = await editor.request('PATCH', `/v1/projects/${project.id}`, { payload: '{"title":', headers: { ...MERGE_PATCH, 'if-match': `"${project.id}.1"` } })
    t.equal(res.statusCode, 400)
    t.equal(res.json().code, 'WEGOV_MALFORMED_BODY')
    const asJson = await editor.request('PATCH', `/v1/projects/${project.id}`, { payload: { summary: { en: 'Plain JSON works too' } }, headers: { 'if-match': `"${project.id}.1"` } })
    t.equal(asJson.statusCode, 200)
  })

  t.test('a body that is not JSON is 415, text/plain as any other type, in the user’s language', async (t) => {
    const project = (await create({})).json()
    for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/xml', 'application/x-www-form-urlencoded']) {
      const patched = await editor.request('PATCH', `/v1/projects/${project.id}`, { payload: '{"summary":{"en":"x"}}', headers: { 'content-type': type, 'if-match': `"${project.id}.1"`, 'accept-language': 'fr' } })
      t.equal(patched.statusCode, 415, `PATCH ${type}`)
      t.equal(patched.json().code, 'WEGOV_UNSUPPORTED_MEDIA_TYPE', `PATCH ${type}: its code`)
      t.equal(patched.headers['content-language'], 'fr', `PATCH ${type}: in French`)
      const created = await editor.request('POST', `/v1/organisations/${ngo}/projects`, { payload: JSON.stringify(projectBody({})), headers: { 'content-type': type } })
      t.equal(created.statusCode, 415, `POST ${type}`)
    }
  })

  t.test('delete leaves a tombstone (410, /v1/deletions), restore brings it back', async (t) => {
    const created = await create({ title: { ar: 'مشروع للحذف' }, state: 'published' })
    const project = created.json()
    const noIfMatch = await editor.request('DELETE', `/v1/projects/${project.id}`)
    t.equal(noIfMatch.statusCode, 428)
    const deleted = await editor.request('DELETE', `/v1/projects/${project.id}`, { headers: { 'if-match': created.headers.etag as string } })
    t.equal(deleted.statusCode, 204)
    t.equal((await writers.anonymous.request('GET', `/v1/projects/${project.slug}`)).statusCode, 410)
    const tombstones = (await writers.anonymous.request('GET', '/v1/deletions')).json().items
    t.ok(tombstones.some((d: { id: string }) => d.id === project.id), 'in /v1/deletions')
    const patchDeleted = await patch(project.id, { summary: { fr: 'x' } }, `"${project.id}.2"`)
    t.equal(patchDeleted.statusCode, 410)
    const restored = await editor.request('POST', `/v1/projects/${project.id}/restore`)
    t.equal(restored.statusCode, 200)
    t.equal(restored.json().version, 3)
    t.equal((await writers.anonymous.request('GET', `/v1/projects/${project.slug}`)).statusCode, 200)
    const actions = await app.db.selectFrom('change_log').select(['action', 'public']).where('subject_id', '=', project.id).orderBy('id').execute()
    t.same(actions, [
      { action: 'project.created', public: true },
      { action: 'project.deleted', public: true },
      { action: 'project.restored', public: true },
    ])
  })

  t.test('a write that fails leaves no event and no row', async (t) => {
    const count = async () => Number((await app.db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const before = await count()
    const projects = Number((await app.db.selectFrom('projects').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    // The event's insert fails after the project's: the project must go with it.
    await sql`CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`.execute(app.db)
    await sql`CREATE TRIGGER refuse_change BEFORE INSERT ON change_log FOR EACH ROW EXECUTE FUNCTION refuse_change()`.execute(app.db)
    t.teardown(() => sql`DROP TRIGGER IF EXISTS refuse_change ON change_log`.execute(app.db))
    const res = await create({ title: { ar: 'مشروع بلا أثر' } })
    t.equal(res.statusCode, 500)
    t.equal(await count(), before, 'no event')
    const after = Number((await app.db.selectFrom('projects').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    t.equal(after, projects, 'no project: the item and its event commit together')
  })
})

t.test('remembered replies are purged after 24 hours', async (t) => {
  const { app, ngo, writers } = await buildWritersApp(t)
  const headers = { 'idempotency-key': 'purge-key-0001' }
  const first = await writers.key.request('POST', `/v1/organisations/${ngo}/projects`, { payload: projectBody(), headers })
  await app.db.updateTable('content_idempotency').set({ created_at: new Date(Date.now() - 25 * 3600_000) }).execute()
  const { purgeStaleRows } = await import('../src/jobs/purge-stale-rows.js')
  t.equal((await purgeStaleRows(app.db)).contentIdempotencyKeys, 1)
  const later = await writers.key.request('POST', `/v1/organisations/${ngo}/projects`, { payload: projectBody(), headers })
  t.not(later.json().id, first.json().id, 'a day later the key is new again')
})
