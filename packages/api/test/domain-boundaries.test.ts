import { readFile, readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'

/**
 * Each domain owns its tables behind a service (issue 15, docs/ARCHITECTURE.md): no other code names
 * them in SQL. This reads every source file of the API for the tables its Kysely calls and its raw SQL
 * name, and checks each against the folders that own that table. Migrations and the demo loader (which
 * seeds every table, as a database administrator would) are exempt.
 */
const SRC = fileURLToPath(new URL('../src/', import.meta.url))

const CONTENT = ['domains/projects/', 'domains/resources/', 'domains/content-writes/', 'content/']
/** Table -> the folders (under src/) whose code may query it. */
const OWNERS: Record<string, string[]> = {
  organisations: ['domains/organisations/'],
  memberships: ['domains/organisations/'],
  invitations: ['domains/organisations/'],
  organisation_applications: ['domains/organisations/'],
  people: ['domains/accounts/'],
  sign_in_codes: ['domains/accounts/'],
  sessions: ['domains/accounts/'],
  passkeys: ['domains/accounts/'],
  webauthn_challenges: ['domains/accounts/'],
  api_keys: ['domains/accounts/'],
  projects: CONTENT,
  project_organisations: CONTENT,
  resources: CONTENT,
  slug_redirects: ['domains/content-writes/'],
  content_idempotency: ['domains/content-writes/'],
  petitions: ['domains/petitions/'],
  signatures: ['domains/signatures/'],
  petition_counts: ['domains/signatures/'],
  idempotency_keys: ['domains/signatures/'],
  code_failures: ['domains/signatures/'],
  pow_spent: ['domains/abuse/'],
  wegov_secrets: ['secrets.ts'],
  change_log: ['domains/changes/'],
  change_consumers: ['domains/changes/'],
  mail_outbox: ['mail/'],
  dev_mailbox: ['mail/'],
  file_blobs: ['domains/files/'],
  file_chunks: ['domains/files/'],
  files: ['domains/files/'],
}
const EXEMPT = ['db/', 'demo/']

/**
 * The joins that remain, each with its reason. A list or search query that embeds another domain's
 * columns in its page would otherwise have to enrich each page in a second round trip after the page is
 * cut. The check fails on a new one, and on one that no longer exists (take it off this list).
 */
const REMAINING: Record<string, string> = {
  'domains/projects/project-repository.ts: organisations': 'owner and participants in each page of the keyset list and search; the organisation filter',
  'domains/resources/resource-repository.ts: organisations': 'owner and publisher in each page of the keyset list and search; the organisation filter',
  'domains/petitions/petition-repository.ts: organisations': 'the owner in each page of the petition list; the organisation filter',
  'domains/changes/deletion-repository.ts: (a table named at run time)': 'a tombstone is listed while its item is still deleted, decided before the page is cut',
}

/** What a query whose table is an expression names: this check cannot tell whose it is, so it must be listed. */
const DYNAMIC = '(a table named at run time)'

/** Files whose run-time table names were read by hand: the tables they choose among. */
const CHOSEN_AT_RUN_TIME: Record<string, string[]> = {
  'domains/content-writes/item-slugs.ts': ['projects', 'resources'],
  'domains/changes/deletion-repository.ts': ['organisations', 'projects', 'resources'],
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []))))
  return nested.flat()
}

/**
 * The tables a file's code names: in Kysely calls, and after FROM, JOIN, INTO or UPDATE in raw SQL.
 * Comments are left out: an example in a doc comment is not a query.
 */
function tablesNamed(source: string): Set<string> {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const named = new Set<string>()
  for (const m of code.matchAll(/\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto)\(\s*['"`](\w+)/g)) named.add(m[1]!)
  for (const m of code.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+(\w+)/g)) if (m[1]! in OWNERS) named.add(m[1]!)
  if (/\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto)\(\s*`\$\{/.test(code)) named.add(DYNAMIC)
  return named
}

t.test('no code queries another domain’s tables', async (t) => {
  const files = await sourceFiles(SRC)
  const offences: string[] = []
  for (const file of files) {
    const path = relative(SRC, file)
    if (EXEMPT.some((dir) => path.startsWith(dir))) continue
    for (const table of tablesNamed(await readFile(file, 'utf8'))) {
      const owners = OWNERS[table]
      if (table === DYNAMIC) {
        const chosen = CHOSEN_AT_RUN_TIME[path]
        if (!chosen?.every((among) => OWNERS[among]!.some((owner) => path.startsWith(owner)))) offences.push(`${path}: ${table}`)
      } else if (!owners) offences.push(`${path}: ${table} (a table this test does not know: add it to OWNERS)`)
      else if (!owners.some((owner) => path.startsWith(owner))) offences.push(`${path}: ${table}`)
    }
  }
  t.same(offences.filter((offence) => !(offence in REMAINING)).sort(), [], 'no query on another domain’s table')
  t.same(Object.keys(REMAINING).filter((known) => !offences.includes(known)), [], 'every remaining exception still exists')
})

t.test('the check finds what it looks for', async (t) => {
  t.same([...tablesNamed(`db.selectFrom('people as p').innerJoin("memberships as m", 'm.person_id', 'p.id')`)].sort(), ['memberships', 'people'])
  t.same([...tablesNamed('sql`INSERT INTO mail_outbox (kind) SELECT kind FROM signatures JOIN petitions ON true`')].sort(), ['mail_outbox', 'petitions', 'signatures'])
  t.same([...tablesNamed('db.selectFrom(`${table} as t`)')], [DYNAMIC])
  t.same([...tablesNamed("/** db.insertInto('projects') */\n// db.deleteFrom('files')\nconst words = 'from people'")], [], 'comments and prose are not queries')
})
