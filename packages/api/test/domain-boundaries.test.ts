import { readFile, readdir } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
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
  resource_projects: CONTENT,
  resources: CONTENT,
  slug_redirects: ['domains/content-writes/'],
  content_idempotency: ['domains/content-writes/'],
  petitions: ['domains/petitions/'],
  signatures: ['domains/signatures/'],
  petition_counts: ['domains/signatures/'],
  idempotency_keys: ['domains/signatures/'],
  code_failures: ['domains/signatures/'],
  paper_signature_batches: ['domains/signatures/'],
  pow_spent: ['domains/abuse/'],
  wegov_secrets: ['secrets.ts'],
  change_log: ['domains/changes/'],
  change_consumers: ['domains/changes/'],
  mail_outbox: ['mail/'],
  mail_fanouts: ['mail/'],
  dev_mailbox: ['mail/'],
  file_blobs: ['domains/files/'],
  file_chunks: ['domains/files/'],
  files: ['domains/files/'],
  webhook_endpoints: ['domains/webhooks/'],
  webhook_deliveries: ['domains/webhooks/'],
  webhook_attempts: ['domains/webhooks/'],
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

/**
 * Each domain reaches another through its service (app.organisations, app.projects, app.resources,
 * app.petitions, app.signatures, app.files), handed to it where it runs, or through one of these public
 * modules: never by importing another domain's repository. Type-only imports are free. Each entry: why the
 * module is meant for other domains.
 */
const PUBLIC_MODULES: Record<string, string> = {
  'domains/vocabulary/': 'the controlled vocabularies (themes, kinds, countries) every domain checks against; no tables',
  'domains/abuse/rate-limits.ts': 'the rate limit each write route declares in its config',
  'domains/accounts/actor.ts': 'who is acting, as the change log records it',
  'domains/accounts/policy.ts': 'the permission table every route and service decides by',
  'domains/accounts/signed-in-tree.ts': 'the hooks of every signed-in route tree',
  'domains/accounts/people-directory.ts': 'people and API keys by id or address, on the caller’s transaction (ARCHITECTURE.md, Accounts)',
  'domains/accounts/people-service.ts': 'platform roles, for the console’s people routes (ARCHITECTURE.md, Accounts)',
  'domains/changes/change-log.ts': 'recordChange: every write records its event in its own transaction',
  'domains/changes/change-tags.ts': 'the read cache’s tags of lists and items',
  'domains/changes/change-invalidation.ts': 'the change log’s NOTIFY channel',
  'domains/organisations/organisation-ref.ts': 'the organisation reference that projects, resources and petitions embed; reads nothing',
  'domains/organisations/organisation-refs.ts': 'organisations by id or slug and memberships, on the caller’s transaction (publishing, file attachment, petition creation)',
  'domains/petitions/petition-facts.ts': 'what the signatures need of petitions, and the SQL fragments the signing batch embeds',
  'domains/petitions/petition-lifecycle.ts': 'a petition’s public status, from its row; reads nothing',
  'domains/petitions/count-caching.ts': 'how long a petition’s count may be cached',
  'domains/resources/resource-files.ts': 'what the resources domain answers and does about the files its resources offer',
  'domains/files/file-texts.ts': 'a file’s extracted text, as a subquery the resources’ search embeds',
  'domains/content-writes/write-checks.ts': 'the field checks and merge patch every write shares (petition drafts too)',
  'domains/content-writes/item-slugs.ts': 'slugs from titles, Arabic transliterated, for every item launched on WeGov',
  'domains/files/resource-file.ts': 'the `file` of a resource write, on the publishing transaction',
  'domains/files/organisation-files.ts': 'an organisation’s own upload, on the caller’s transaction (paper scans, response documents)',
  'domains/signatures/signature-facts.ts': 'the signers to tell of a petition’s response, as the SELECT the mail consumer queues from',
  'domains/organisations/organisation-exports.ts': 'the public profiles, keyset pages by id, and owners’ slugs and licences, for the bulk exports (domains/open-data)',
  'domains/projects/project-exports.ts': 'the published projects, keyset pages by id, for the bulk exports (domains/open-data)',
  'domains/resources/resource-exports.ts': 'the published resources, keyset pages by id, for the bulk exports (domains/open-data)',
  'domains/petitions/petition-exports.ts': 'the public petitions, keyset pages by id, for the bulk exports (domains/open-data)',
  'domains/signatures/signature-exports.ts': 'online and paper counts of a page of petitions, for the bulk exports (domains/open-data)',
}

/** Schemas are shared by $ref: they are the OpenAPI document's components. */
const isSchemaModule = (module: string) => module.endsWith('-schemas.ts')

/**
 * The value imports from another domain's private modules that remain, each with its reason. The check
 * fails on a new one, and on one that no longer exists (take it off this list): the list can only shrink.
 */
const REMAINING_IMPORTS: Record<string, string> = {
  'domains/projects/project-routes.ts -> domains/content-writes/draft-reads.ts': 'drafts and slug redirects are publishing’s: who may see a draft, where a changed slug moved',
  'domains/resources/resource-routes.ts -> domains/content-writes/draft-reads.ts': 'drafts and slug redirects are publishing’s: who may see a draft, where a changed slug moved',
  'domains/accounts/api-access-routes.ts -> domains/changes/audit-routes.ts': 'the API access tree registers the audit routes under its own prefix and hooks',
  'domains/content-writes/idempotency-store.ts -> domains/organisations/organisation-slug.ts': 'isUniqueViolation: a pure helper on a database error',
  'domains/content-writes/item-slugs.ts -> domains/organisations/organisation-slug.ts': 'asciiSlug: a pure helper, the same slugs for items as for organisations',
  'domains/content-writes/write-checks.ts -> domains/organisations/profile-input.ts': 'cleanText: a pure helper, the same text checks as profiles',
  'domains/organisations/invitation-service.ts -> domains/accounts/secret-tokens.ts': 'newSecretToken, hashToken: pure helpers, invitation tokens made like sign-in ones',
  'domains/organisations/invitation-service.ts -> domains/signatures/canonical-email.ts': 'parseEmail: a pure helper, addresses checked like signers’',
  'domains/accounts/sign-in-routes.ts -> domains/signatures/canonical-email.ts': 'parseEmail: a pure helper, addresses checked like signers’',
  'domains/accounts/sign-in-codes.ts -> domains/signatures/confirmation.ts': 'normaliseCode: a pure helper, codes typed like confirmation codes',
  'domains/signatures/signature-writes.ts -> domains/abuse/proof-of-work.ts': 'spendProofsStatement: the signing batch embeds it so that it stays one statement',
}

/**
 * The non-type imports of a source file, as the paths (relative to src/) of the modules they name: an
 * `import type` or an import of types only is left out, as are packages.
 */
function valueImports(file: string, source: string): string[] {
  const modules: string[] = []
  for (const m of source.matchAll(/^(?:import|export)\s+(type\s+)?([^;'"`]*?)\s*from\s+['"]([^'"]+)['"]/gm)) {
    const [, typeOnly, clause, specifier] = m as unknown as [string, string | undefined, string, string]
    if (typeOnly || !specifier.startsWith('.')) continue
    const named = /^\{([\s\S]*)\}$/.exec(clause.trim())
    if (named && named[1]!.split(',').map((name) => name.trim()).filter(Boolean).every((name) => name.startsWith('type '))) continue
    modules.push(join(dirname(file), specifier).replace(/\.js$/, '.ts'))
  }
  return modules
}

const domainOf = (path: string) => /^domains\/([^/]+)\//.exec(path)?.[1]

t.test('no domain imports another domain’s private modules', async (t) => {
  const offences = new Set<string>()
  for (const file of await sourceFiles(join(SRC, 'domains'))) {
    const path = relative(SRC, file)
    for (const module of valueImports(path, await readFile(file, 'utf8'))) {
      const other = domainOf(module)
      if (!other || other === domainOf(path)) continue
      if (isSchemaModule(module) || Object.keys(PUBLIC_MODULES).some((open) => module === open || (open.endsWith('/') && module.startsWith(open)))) continue
      offences.add(`${path} -> ${module}`)
    }
  }
  t.same([...offences].filter((offence) => !(offence in REMAINING_IMPORTS)).sort(), [], 'no value import of another domain’s private module')
  t.same(Object.keys(REMAINING_IMPORTS).filter((known) => !offences.has(known)), [], 'every remaining import still exists')
})

t.test('the import check finds what it looks for', async (t) => {
  const source = [
    "import type { A } from '../organisations/a.js'",
    "import { type B, type C } from '../organisations/b.js'",
    "import { type D, e } from '../projects/d.js'",
    'import {\n  f,\n  type G,\n} from "./f.js"',
    "export { h } from '../resources/h.js'",
    "import fp from 'fastify-plugin'",
  ].join('\n')
  t.same(valueImports('domains/changes/x.ts', source), ['domains/projects/d.ts', 'domains/changes/f.ts', 'domains/resources/h.ts'])
})
