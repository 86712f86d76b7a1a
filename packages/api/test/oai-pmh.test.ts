import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { DOMParser } from '@xmldom/xmldom'
import { sql } from 'kysely'
import t, { type Test } from 'tap'
import { ORGANISATIONS, addResource, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

const run = promisify(execFile)
const SCHEMA = fileURLToPath(new URL('./fixtures/oai/responses.xsd', import.meta.url))
const OAI = 'http://www.openarchives.org/OAI/2.0/'
const DC = 'http://purl.org/dc/elements/1.1/'

/** Validates an OAI-PMH response against OAI-PMH.xsd and oai_dc.xsd, offline, with libxml2's xmllint. */
async function validate(xml: string): Promise<string> {
  const child = execFile('xmllint', ['--nonet', '--noout', '--schema', SCHEMA, '-'], () => {})
  const output = new Promise<string>((resolve) => {
    let stderr = ''
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => resolve(code === 0 ? 'valid' : stderr))
  })
  child.stdin!.end(xml)
  return output
}

function parse(xml: string) {
  const document = new DOMParser().parseFromString(xml, 'application/xml')
  const all = (name: string, ns = OAI, root: { getElementsByTagNameNS(ns: string, name: string): ArrayLike<Element> } = document) => Array.from(root.getElementsByTagNameNS(ns, name))
  const text = (name: string, ns = OAI) => all(name, ns).map((e) => e.textContent ?? '')
  return { document, all, text, error: all('error')[0]?.getAttribute('code') ?? null }
}

t.test('OAI-PMH', async (t) => {
  const database = await openTestDatabase(t)
  const app = await buildTestApp(t, { database, portal: false, config: { publicUrl: 'http://oai.example.org', allowedHosts: ['oai.example.org'], oaiPageSize: 2 } })
  await createFixtureOrganisations(app.db)
  const learning = await addResource(app.db, {
    title: { ar: 'الميزانية التشاركية', fr: 'Budget participatif', en: 'Participatory budgeting' },
    summary: { fr: 'Un guide & un outil <pratique>.', en: 'A guide.' },
    themes: ['transparency', 'local-democracy'],
    countries: ['TN'],
    publisherSlug: ORGANISATIONS.funder,
    createdAt: '2025-01-10T08:00:00.250Z',
  })
  const library = await addResource(app.db, { collection: 'library', kind: 'report', countries: ['JO'], createdAt: '2025-02-10T08:00:00Z' })
  const both = await addResource(app.db, { collection: 'library', kind: 'legal-text', countries: ['TN', 'JO'], createdAt: '2025-03-10T08:00:00Z' })
  const gone = await addResource(app.db, { createdAt: '2025-04-10T08:00:00Z' })
  await addResource(app.db, { state: 'draft', createdAt: '2025-05-10T08:00:00Z' })
  // A deletion as the publishing API makes it (content-writes.ts setDeleted): the tombstone is dated by it.
  await app.db.updateTable('resources').set({ deleted_at: sql`'2025-06-01T12:00:00Z'`, updated_at: sql`'2025-06-01T12:00:00Z'` }).where('id', '=', gone.id).execute()
  const id = (resource: { id: string }) => `oai:oai.example.org:resource/${resource.id}`

  let current: Test = t
  t.beforeEach((t) => {
    current = t
  })
  const oai = async (query: string) => {
    const t = current
    const res = await app.inject({ method: 'GET', url: `/oai?${query}`, headers: { host: 'oai.example.org' } })
    t.equal(res.statusCode, 200, `${query}: 200`)
    t.match(res.headers['content-type'], /^text\/xml/)
    t.equal(await validate(res.body), 'valid', `${query}: valid against OAI-PMH.xsd and oai_dc.xsd`)
    return { ...parse(res.body), body: res.body, headers: res.headers }
  }

  t.test('Identify, ListMetadataFormats, ListSets', async (t) => {
    const identify = await oai('verb=Identify')
    t.same(identify.text('baseURL'), ['http://oai.example.org/oai'])
    t.same(identify.text('deletedRecord'), ['persistent'])
    t.same(identify.text('granularity'), ['YYYY-MM-DDThh:mm:ssZ'])
    t.same(identify.text('earliestDatestamp'), ['2025-01-10T08:00:00Z'])
    t.match(identify.headers['cache-control'], /max-age=\d+/, 'cached like the other public reads')
    t.same((await oai('verb=ListMetadataFormats')).text('metadataPrefix'), ['oai_dc'])
    t.same((await oai(`verb=ListMetadataFormats&identifier=${id(learning)}`)).text('metadataPrefix'), ['oai_dc'])
    t.same((await oai('verb=ListSets')).text('setSpec'), ['collection', 'collection:learning', 'collection:library', 'country', 'country:JO', 'country:TN'])
  })

  t.test('ListRecords pages with idempotent tokens and shows the tombstone', async (t) => {
    const first = await oai('verb=ListRecords&metadataPrefix=oai_dc')
    t.same(first.text('identifier'), [id(learning), id(library)], 'oldest change first')
    const token = first.all('resumptionToken')[0]!
    t.equal(token.getAttribute('completeListSize'), '4', 'published and deleted ones; never the draft')
    t.equal(token.getAttribute('cursor'), '0')
    t.ok(new Date(token.getAttribute('expirationDate')!) > new Date(), 'an expiry')
    const again = await oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(token.textContent!)}`)
    const twice = await app.inject({ method: 'POST', url: '/oai', headers: { host: 'oai.example.org', 'content-type': 'application/x-www-form-urlencoded' }, payload: `verb=ListRecords&resumptionToken=${encodeURIComponent(token.textContent!)}` })
    t.equal(twice.statusCode, 200, 'POST with a form body')
    t.equal(twice.body.replace(/<responseDate>.*?<\/responseDate>/, ''), again.body.replace(/<responseDate>.*?<\/responseDate>/, ''), 'the same token gives the same page')
    t.same(again.text('identifier'), [id(both), id(gone)])
    const last = again.all('resumptionToken')[0]!
    t.equal(last.textContent, '', 'an empty token ends the list')
    t.equal(last.getAttribute('cursor'), '2')
    const [live, deleted] = again.all('record')
    t.equal(deleted!.getElementsByTagNameNS(OAI, 'header')[0]!.getAttribute('status'), 'deleted')
    t.equal(deleted!.getElementsByTagNameNS(OAI, 'metadata').length, 0, 'a deleted record has no metadata')
    t.same(again.all('datestamp').map((e) => e.textContent), ['2025-03-10T08:00:00Z', '2025-06-01T12:00:00Z'], 'second granularity; a tombstone dated by its deletion')
    t.same(Array.from(live!.getElementsByTagNameNS(OAI, 'setSpec')).map((e) => e.textContent), ['collection:library', 'country:TN', 'country:JO'])

    const record = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${id(learning)}`)
    const titles = record.all('title', DC).map((e) => [e.getAttribute('xml:lang'), e.textContent])
    t.same(titles, [['ar', 'الميزانية التشاركية'], ['fr', 'Budget participatif'], ['en', 'Participatory budgeting']], 'dc:title once per language')
    t.same(record.all('description', DC).map((e) => [e.getAttribute('xml:lang'), e.textContent]), [['fr', 'Un guide & un outil <pratique>.'], ['en', 'A guide.']])
    t.same(record.all('subject', DC).filter((e) => e.getAttribute('xml:lang') === 'en').length, 2, 'each theme once per language')
    t.same(record.all('subject', DC).length, 6)
    t.same(record.text('coverage', DC), ['TN'])
    t.ok(record.all('publisher', DC).length > 0, 'the publisher’s name, through the organisations service')
    t.ok(record.text('identifier', DC).includes(`http://oai.example.org/v1/resources/${learning.id}`))
    t.equal((await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${id(gone)}`)).all('header')[0]!.getAttribute('status'), 'deleted')
  })

  t.test('from, until and sets', async (t) => {
    const identifiers = async (query: string) => (await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&${query}`)).text('identifier')
    t.same(await identifiers('from=2025-02-10T08:00:00Z&until=2025-03-10T08:00:00Z'), [id(library), id(both)], 'both bounds inclusive to the second')
    t.same(await identifiers('from=2025-03-11'), [id(gone)])
    t.same(await identifiers('until=2025-01-10'), [id(learning)], 'a day until includes the whole day')
    t.same(await identifiers('set=country:TN'), [id(learning), id(both)])
    const oneCollection = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection:library')
    t.same(oneCollection.all('resumptionToken').length, 0, 'a list that fits on one page has no token')
    t.equal((await oai('verb=ListRecords&metadataPrefix=oai_dc&set=country:FR')).error, 'noRecordsMatch')
    t.equal((await oai('verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01')).error, 'noRecordsMatch')
  })

  t.test('errors are OAI-PMH errors, never problem+json', async (t) => {
    const cases: [string, string][] = [
      ['', 'badVerb'],
      ['verb=Delete', 'badVerb'],
      ['verb=Identify&verb=Identify', 'badVerb'],
      ['verb=Identify&extra=1', 'badArgument'],
      ['verb=GetRecord&identifier=x', 'badArgument'],
      ['verb=ListRecords', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=yesterday', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-01&until=2025-02-01T00:00:00Z', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2025-02-01&until=2025-01-01', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc', 'badArgument'],
      ['verb=ListRecords&resumptionToken=abc.def', 'badResumptionToken'],
      ['verb=ListSets&resumptionToken=abc', 'badResumptionToken'],
      ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat'],
      ['verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:evil.example:resource/00000000-0000-0000-0000-000000000000', 'idDoesNotExist'],
      [`verb=GetRecord&metadataPrefix=oai_dc&identifier=${id(learning)}x`, 'idDoesNotExist'],
      ['verb=ListRecords&metadataPrefix[]=oai_dc&until[a]=%zz', 'badArgument'],
    ]
    for (const [query, code] of cases) t.equal((await oai(query)).error, code, `${query || '(no arguments)'}: ${code}`)
    const draft = await app.db.selectFrom('resources').select('id').where('state', '=', 'draft').executeTakeFirstOrThrow()
    t.equal((await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${id(draft)}`)).error, 'idDoesNotExist', 'a draft is not in the repository')

    // A token from another verb, and one whose payload was changed, are refused.
    const first = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc')
    const token = first.all('resumptionToken')[0]!.textContent!
    t.equal((await oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`)).error, 'badResumptionToken')
    const [payload, mac] = token.split('.')
    const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('"cursor":2', '"cursor":0')).toString('base64url')
    t.equal((await oai(`verb=ListIdentifiers&resumptionToken=${forged}.${mac}`)).error, 'badResumptionToken')
  })

  t.test("Debian's harvester (HTTP::OAI) follows the tokens, sees the deletion, and gets cannotDisseminateFormat", async (t) => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    const script = `
      use strict; use HTTP::OAI;
      my ($base, $prefix) = @ARGV;
      my $h = HTTP::OAI::Harvester->new(baseURL => $base);
      my $r = $h->ListRecords(metadataPrefix => $prefix, onRecord => sub {
        my $rec = shift;
        print join("\\t", 'record', $rec->identifier, $rec->datestamp, $rec->is_deleted ? 'deleted' : 'live'), "\\n";
      });
      # HTTP::OAI marks a response carrying an OAI error as failed (its code 500, Response.pm): the server answered 200.
      print "error\\t", $_->code, "\\n" for $r->errors;
    `
    const { stdout } = await run('perl', ['-e', script, `${address}/oai`, 'oai_dc'])
    const lines = stdout.trim().split('\n').map((line) => line.split('\t'))
    t.same(lines.map((line) => line[1]), [learning, library, both, gone].map(id), 'every record, across both pages (two records a page)')
    t.same(lines.map((line) => line[3]), ['live', 'live', 'live', 'deleted'])
    const refused = await run('perl', ['-e', script, `${address}/oai`, 'marc21'])
    t.same(refused.stdout.trim(), 'error\tcannotDisseminateFormat')
  })
})
