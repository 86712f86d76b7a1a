import { DOMParser } from '@xmldom/xmldom'
import t from 'tap'
import { loadDemoContent } from '../src/demo/load-demo.js'
import { DEMO_ORGANISATIONS } from '../src/demo/demo-organisations.js'
import { activityRuleProblems, xmllintProblems } from './helpers/iati-rules.js'
import { ADMIN, addPerson, browserOf } from './helpers/organisation-accounts.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

/**
 * The IATI 2.03 exports (issue 17), on the demo content: the files validate against the official schema
 * (xmllint) and the Standard's rules the schema leaves out, and the checkers catch a file that breaks them.
 */

t.test('IATI exports of the demo content', async (t) => {
  const database = await openTestDatabase(t)
  await loadDemoContent(database.db)
  const app = await buildTestApp(t, { database, config: { rateLimit: false, adminEmails: [ADMIN] } })
  const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml')
  const identifiers = (xml: string) => Array.from(parse(xml).getElementsByTagName('iati-identifier')).map((el) => el.textContent)

  const response = await app.inject({ url: '/v1/iati/activities.xml' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^application\/xml/)
  const xml = response.body
  t.same(await xmllintProblems(xml, 'iati-activities-schema.xsd'), [], 'the demo file validates against the 2.03 schema')
  t.same(activityRuleProblems(xml), [], 'and follows the rules the schema leaves out')

  const published = await app.projects.list({}, { limit: 100 })
  const reporting = new Map(DEMO_ORGANISATIONS.map((o) => [o.slug, o.iatiIdentifier]))
  const withoutIdentifier = published.items.filter((p) => !reporting.get(p.row.owner_slug)).map((p) => p.row.slug)
  t.ok(withoutIdentifier.length > 0, 'the demo has projects of an organisation without an identifier')
  t.equal(identifiers(xml).length, published.items.length - withoutIdentifier.length, 'every other public project is an activity')
  t.match(xml, new RegExp(`<!-- Left out \\(no-iati-identifier\\): ${withoutIdentifier.join(' ')} -->`), 'the left-out ones are reported, not invented')
  t.match(xml, /<narrative xml:lang="ar">[^<]+<\/narrative><narrative xml:lang="fr">/, 'one narrative per language')

  t.test('the checkers catch a file that breaks the Standard', async (t) => {
    const first = xml.indexOf('<iati-activity ')
    const without = (pattern: RegExp) => xml.slice(0, first) + xml.slice(first).replace(pattern, '')
    t.match(await xmllintProblems(without(/<activity-status [^>]*\/>/), 'iati-activities-schema.xsd'), [/activity-date.*Expected is.*activity-status/], 'no activity-status: the schema refuses it')
    t.match(await xmllintProblems(without(/<title>.*?<\/title>/), 'iati-activities-schema.xsd'), [/Expected is \( title \)/], 'no title: the schema refuses it')
    t.match(activityRuleProblems(without(/<sector [^>]*\/>/g)), [/no sector/])
    t.match(activityRuleProblems(without(/<activity-date type="[12]"[^>]*\/>/g)), [/no start date/])
    t.match(activityRuleProblems(without(/<recipient-country [^>]*\/>/)), [/recipient percentages do not sum to 100|no recipient/])
    t.match(activityRuleProblems(xml.replace(/<iati-identifier>[A-Z]{2}-/, '<iati-identifier>ZZ-')), [/does not start with the reporting-org ref/])
    t.match(activityRuleProblems(xml.replace('<narrative xml:lang="fr">', '<narrative>')), [/has no xml:lang/])
    t.match(activityRuleProblems(xml.replace(/<sector vocabulary="1" code="\d+"/, '<sector vocabulary="1" code="99999"')), [/sector 99999 not a DAC code/])
    t.match(activityRuleProblems(xml.replace('<activity-status code="', '<activity-status code="9')), [/not in ActivityStatus/])
  })

  t.test('filters by country and by organisation', async (t) => {
    const libya = (await app.inject({ url: '/v1/iati/activities.xml?country=LY' })).body
    t.ok(identifiers(libya).length > 0)
    t.same(activityRuleProblems(libya), [])
    t.notOk(Array.from(parse(libya).getElementsByTagName('iati-activity')).some((a) => !Array.from(a.getElementsByTagName('recipient-country')).some((c) => c.getAttribute('code') === 'LY')), 'each names Libya')
    const fal = (await app.inject({ url: '/v1/iati/activities.xml?organisation=fal' })).body
    t.ok(identifiers(fal).length > 0)
    t.ok(identifiers(fal).length < identifiers(xml).length)
    t.equal((await app.inject({ url: '/v1/iati/activities.xml?country=tunisia' })).statusCode, 400)
  })

  t.test('a filter that leaves nothing to publish is a 404 naming what was left out, not a file the schema refuses', async (t) => {
    const owner = published.items.find((p) => !reporting.get(p.row.owner_slug))!.row.owner_slug
    const involved = published.items.filter((p) => p.row.owner_slug === owner || p.participants.some((o) => o.slug === owner))
    t.ok(involved.every((p) => !reporting.get(p.row.owner_slug)), `the demo's ${owner} takes part only in projects of organisations without an identifier`)
    const empty = await app.inject({ url: `/v1/iati/activities.xml?organisation=${owner}`, headers: { 'accept-language': 'ar' } })
    t.equal(empty.statusCode, 404)
    t.match(empty.headers['content-type'], /^application\/problem\+json/)
    const problem = empty.json()
    t.equal(problem.code, 'WEGOV_IATI_EMPTY')
    t.equal(problem.lang, 'ar')
    t.match(problem.detail, /IATI/)
    t.same(problem.leftOut, { 'no-iati-identifier': involved.map((p) => p.row.slug) }, 'the projects left out, by reason')
    const nowhere = (await app.inject({ url: '/v1/iati/activities.xml?country=DZ' })).json()
    t.same([nowhere.code, nowhere.leftOut], ['WEGOV_IATI_EMPTY', {}], 'no project at all: nothing left out either')
  })

  t.test('the organisation file lists the publishers', async (t) => {
    const orgs = (await app.inject({ url: '/v1/iati/organisations.xml' })).body
    t.same(await xmllintProblems(orgs, 'iati-organisations-schema.xsd'), [])
    const listed = Array.from(parse(orgs).getElementsByTagName('organisation-identifier')).map((el) => el.textContent).sort()
    t.same(listed, DEMO_ORGANISATIONS.flatMap((o) => (o.iatiIdentifier ? [o.iatiIdentifier] : [])).sort())
  })

  t.test('an organisation sets its identifier in its profile', async (t) => {
    await addPerson(app, ADMIN, { platformRole: 'admin' })
    const admin = await browserOf(app, ADMIN)
    const sawt = await app.organisations.find('sawt-al-hay')
    const profile = `/v1/organisations/${sawt!.id}/profile`
    const bad = await admin.patch(profile, { iatiIdentifier: 'not an identifier' })
    t.equal(bad.statusCode, 400)
    t.equal(bad.json().code, 'WEGOV_VALIDATION')
    const taken = await admin.patch(profile, { iatiIdentifier: 'TN-RNE-1234567A' })
    t.equal(taken.statusCode, 409)
    t.equal(taken.json().code, 'WEGOV_IATI_IDENTIFIER_TAKEN')
    const set = await admin.patch(profile, { iatiIdentifier: 'XI-IATI-WEGOV-SAWT' })
    t.equal(set.statusCode, 200)
    t.equal(set.json().iatiIdentifier, 'XI-IATI-WEGOV-SAWT')
    t.equal((await app.inject({ url: '/v1/organisations/sawt-al-hay' })).json().iatiIdentifier, 'XI-IATI-WEGOV-SAWT', 'public in the profile')
    const after = (await app.inject({ url: '/v1/iati/activities.xml' })).body
    t.notMatch(after, /Left out/, 'its projects are now in the file')
    t.same(activityRuleProblems(after), [])
    t.equal((await admin.patch(profile, { iatiIdentifier: null })).json().iatiIdentifier, null, 'and removes it')
  })
})

t.test('a node where no organisation has an IATI identifier yet answers 404 for both files', async (t) => {
  const app = await buildTestApp(t, { config: { rateLimit: false } })
  for (const file of ['activities', 'organisations']) {
    const response = await app.inject({ url: `/v1/iati/${file}.xml`, headers: { 'accept-language': 'fr' } })
    t.equal(response.statusCode, 404, file)
    t.equal(response.json().code, 'WEGOV_IATI_EMPTY')
    t.match(response.json().detail, /^Rien ici ne peut encore être publié dans un fichier IATI/)
  }
})
