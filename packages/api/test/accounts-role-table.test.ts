import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { buildApp } from '../src/app.js'
import { PERMISSIONS } from '../src/domains/accounts/policy.js'
import { createSession } from '../src/domains/accounts/sessions.js'
import { ORGANISATIONS, addProject, addResource, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { signIn } from './helpers/accounts.js'
import { grantMembership, grantPlatformRole, organisationIdOf, personIdOf } from './helpers/roles.js'
import { openTestDatabase, testConfig } from './helpers/test-app.js'

/**
 * The role table: every protected operation, tried by every kind of caller, against a table written here
 * rather than read from policy.ts, so that a wrong change to the policy fails this test. Organisation
 * operations are tried on organisation A. The routes are read from the OpenAPI document, where the auth
 * plugin writes each one's permission: a route added later is tried as soon as it exists.
 */

const ACTORS = ['anonymous', 'citizen', 'editorA', 'ownerA', 'editorB', 'ownerB', 'moderator', 'admin', 'keyADrafts', 'keyAWrite', 'keyBWrite', 'revokedKey', 'expiredSession'] as const
type ActorName = (typeof ACTORS)[number]

/** Allowed, or the code of the refusal. */
const ok = 'ok'
const signIn401 = 'WEGOV_UNAUTHENTICATED'
const no = 'WEGOV_FORBIDDEN'
const scope = 'WEGOV_INSUFFICIENT_SCOPE'
const badKey = 'WEGOV_INVALID_API_KEY'
type Outcome = typeof ok | typeof signIn401 | typeof no | typeof scope | typeof badKey
const statusOf = (refusal: Outcome) => (refusal === signIn401 || refusal === badKey ? 401 : 403)

// prettier-ignore
const TABLE: Record<string, Outcome[]> = {
  //                            anonymous  citizen editorA ownerA editorB ownerB moderator admin keyADrafts keyAWrite keyBWrite revokedKey expiredSession
  'account.manage':             [signIn401, ok,     ok,     ok,    ok,     ok,    ok,       ok,   no,        no,       no,       badKey,    signIn401],
  'applications.submit':        [signIn401, ok,     ok,     ok,    ok,     ok,    ok,       ok,   no,        no,       no,       badKey,    signIn401],
  'applications.review':        [signIn401, no,     no,     no,    no,     no,    no,       ok,   no,        no,       no,       badKey,    signIn401],
  'organisations.create':       [signIn401, no,     no,     no,    no,     no,    no,       ok,   no,        no,       no,       badKey,    signIn401],
  'organisations.partner.set':  [signIn401, no,     no,     no,    no,     no,    no,       ok,   no,        no,       no,       badKey,    signIn401],
  'petitions.launch':           [signIn401, ok,     ok,     ok,    ok,     ok,    ok,       ok,   no,        no,       no,       badKey,    signIn401],
  'petitions.response.any':     [signIn401, no,     no,     no,    no,     no,    no,       ok,   no,        no,       no,       badKey,    signIn401],
  'platform.roles.manage':      [signIn401, no,     no,     no,    no,     no,    no,       ok,   no,        no,       no,       badKey,    signIn401],
  'audit.read':                 [signIn401, no,     no,     no,    no,     no,    no,       ok,   no,        no,       no,       badKey,    signIn401],
  moderation:                   [signIn401, no,     no,     no,    no,     no,    ok,       ok,   no,        no,       no,       badKey,    signIn401],
  'organisation.profile.update':[signIn401, no,     no,     ok,    no,     no,    no,       ok,   scope,     ok,       no,       badKey,    signIn401],
  'organisation.members.read':  [signIn401, no,     ok,     ok,    no,     no,    no,       ok,   no,        no,       no,       badKey,    signIn401],
  'organisation.members.manage':[signIn401, no,     no,     ok,    no,     no,    no,       ok,   no,        no,       no,       badKey,    signIn401],
  'organisation.keys.manage':   [signIn401, no,     no,     ok,    no,     no,    no,       ok,   no,        no,       no,       badKey,    signIn401],
  'organisation.webhooks.manage':[signIn401, no,    no,     ok,    no,     no,    no,       ok,   no,        no,       no,       badKey,    signIn401],
  'organisation.audit.read':    [signIn401, no,     no,     ok,    no,     no,    no,       ok,   no,        no,       no,       badKey,    signIn401],
  'organisation.drafts.read':   [signIn401, no,     ok,     ok,    no,     no,    no,       ok,   ok,        scope,    no,       badKey,    signIn401],
  'organisation.signers.export':[signIn401, no,     no,     ok,    no,     no,    no,       no,   no,        no,       no,       badKey,    signIn401],
  'organisation.content.write': [signIn401, no,     ok,     ok,    no,     no,    no,       ok,   scope,     ok,       no,       badKey,    signIn401],
}

/** Writes anyone may send, signed in or not; every other write under /v1 must declare a policy. */
const PUBLIC_WRITES = new Set([
  // Signing out is harmless for anyone: without a session it answers 204 and does nothing.
  'POST /v1/auth/sign-out',
  'POST /v1/petitions/{idOrSlug}/signatures',
  // Sponsoring is signing, through a private link (its token is the capability).
  'POST /v1/sponsor-links/{token}/signatures',
  'POST /v1/signatures/confirm',
  'POST /v1/signatures/withdraw',
  'POST /v1/auth/code',
  'POST /v1/auth/code/verify',
  'POST /v1/auth/passkey/options',
  'POST /v1/auth/passkey/verify',
])

const SAME_ORIGIN = 'http://localhost'
const SOME_UUID = '00000000-0000-4000-8000-000000000000'
const PEOPLE: Partial<Record<ActorName, string>> = {
  citizen: 'citizen@example.org',
  editorA: 'editor-a@example.org',
  ownerA: 'owner-a@example.org',
  editorB: 'editor-b@example.org',
  ownerB: 'owner-b@example.org',
  moderator: 'moderator@example.org',
  admin: 'admin@example.org',
  expiredSession: 'expired@example.org',
}

interface Operation {
  method: string
  path: string
  permission: string
}

/**
 * An app with one probe route per permission besides its own routes, so that every permission of the
 * table is tried through HTTP even before a route needs it; people with their roles; keys made by owners.
 */
async function setUp(t: Test) {
  const database = await openTestDatabase(t)
  await createFixtureOrganisations(database.db)
  // Organisation A's own items: an item route finds its organisation from the item, and an unknown id is a 404.
  const items = { project: (await addProject(database.db)).id, resource: (await addResource(database.db)).id }
  const app = await buildApp({ config: testConfig({ rateLimit: false }), database, logger: false })
  t.teardown(() => app.close())
  for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
    const url = permission.startsWith('organisation.') ? `/policy-probe/:organisationId/${permission}` : `/policy-probe/${permission}`
    app.get(url, { config: { policy: permission } }, async () => ({ probed: permission }))
  }
  await app.ready()

  const orgA = await organisationIdOf(app, ORGANISATIONS.ngo)
  const orgB = await organisationIdOf(app, ORGANISATIONS.funder)
  const personIds: Partial<Record<ActorName, string>> = {}
  for (const [actor, email] of Object.entries(PEOPLE) as [ActorName, string][]) {
    await signIn(app, email)
    personIds[actor] = await personIdOf(app, email)
  }
  await grantMembership(app, PEOPLE.editorA!, orgA, 'editor')
  await grantMembership(app, PEOPLE.ownerA!, orgA, 'owner')
  await grantMembership(app, PEOPLE.editorB!, orgB, 'editor')
  await grantMembership(app, PEOPLE.ownerB!, orgB, 'owner')
  await grantPlatformRole(app, PEOPLE.moderator!, 'moderator')
  await grantPlatformRole(app, PEOPLE.admin!, 'admin')

  const ownerCookie = { A: await signIn(app, PEOPLE.ownerA!), B: await signIn(app, PEOPLE.ownerB!) }
  const newKey = async (organisation: 'A' | 'B', scopes: string[]) => {
    const res = await app.inject({
      method: 'POST',
      url: `/v1/organisations/${organisation === 'A' ? orgA : orgB}/api-keys`,
      headers: { cookie: ownerCookie[organisation], origin: SAME_ORIGIN },
      payload: { name: `role table ${scopes.join(' ')}`, scopes },
    })
    t.equal(res.statusCode, 201, `key of ${organisation} with ${scopes.join(', ')}`)
    return res.json() as { id: string; secret: string }
  }
  const keys = { keyADrafts: await newKey('A', ['drafts:read']), keyAWrite: await newKey('A', ['content:write']), keyBWrite: await newKey('B', ['content:write']), revokedKey: await newKey('A', ['drafts:read', 'content:write']) }
  const revoked = await app.inject({ method: 'DELETE', url: `/v1/organisations/${orgA}/api-keys/${keys.revokedKey.id}`, headers: { cookie: ownerCookie.A, origin: SAME_ORIGIN } })
  t.equal(revoked.statusCode, 204, 'one key revoked')

  /**
   * The headers of one request by this actor. People get a session of their own for each request, so that
   * an operation that ends sessions (sign out everywhere) cannot change the next one's outcome.
   */
  const headersOf = async (actor: ActorName, unsafe: boolean): Promise<Record<string, string>> => {
    if (actor === 'anonymous') return {}
    if (actor in keys) return { authorization: `Bearer ${keys[actor as keyof typeof keys].secret}` }
    const session = await createSession(app.db, { personId: personIds[actor]!, method: 'code', userAgent: 'role table', lifetime: app.auth.lifetime })
    if (actor === 'expiredSession') await app.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 60_000) }).where('id', '=', session.id).execute()
    return { cookie: `${app.auth.cookie.name}=${session.token}`, ...(unsafe ? { origin: SAME_ORIGIN } : {}) }
  }
  const urlOf = (path: string) =>
    path
      .replace('{organisationId}', orgA)
      .replace(/^\/v1\/projects\/\{id\}/, `/v1/projects/${items.project}`)
      .replace(/^\/v1\/resources\/\{id\}/, `/v1/resources/${items.resource}`)
      .replace(/\{[^}]+\}/g, SOME_UUID)
  return { app, orgA, headersOf, urlOf }
}

/** Every operation of the OpenAPI document, with the permission the auth plugin wrote into its description. */
async function operationsOf(app: FastifyInstance): Promise<{ protectedOps: Operation[]; writes: string[] }> {
  const document = (await app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, { description?: string }>> }
  const protectedOps: Operation[] = []
  const writes: string[] = []
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const permission = /Permission: `([^`]+)`/.exec(operation.description ?? '')?.[1]
      if (permission) protectedOps.push({ method: method.toUpperCase(), path, permission })
      else if (path.startsWith('/v1/') && !['get', 'head', 'options'].includes(method)) writes.push(`${method.toUpperCase()} ${path}`)
    }
  }
  return { protectedOps, writes }
}

t.test('the table covers exactly the permissions policy.ts defines', async (t) => {
  t.same(Object.keys(TABLE).sort(), Object.keys(PERMISSIONS).sort())
  for (const [permission, row] of Object.entries(TABLE)) t.equal(row.length, ACTORS.length, permission)
})

t.test('every permission, through a route that declares it, as every kind of caller', async (t) => {
  const { app, orgA, headersOf } = await setUp(t)
  for (const [permission, row] of Object.entries(TABLE)) {
    const url = permission.startsWith('organisation.') ? `/policy-probe/${orgA}/${permission}` : `/policy-probe/${permission}`
    for (const [i, actor] of ACTORS.entries()) {
      const res = await app.inject({ url, headers: await headersOf(actor, false) })
      const expected = row[i]!
      if (expected === ok) t.equal(res.statusCode, 200, `${permission} × ${actor}: allowed`)
      else t.match({ status: res.statusCode, code: res.json().code }, { status: statusOf(expected), code: expected }, `${permission} × ${actor}: ${expected}`)
    }
  }
})

t.test('every protected route of the API, as every kind of caller, on organisation A', async (t) => {
  const { app, headersOf, urlOf } = await setUp(t)
  const { protectedOps } = await operationsOf(app)
  t.ok(protectedOps.some((op) => op.permission === 'organisation.keys.manage'), 'the document names each route’s permission')
  for (const { method, path, permission } of protectedOps) {
    const row = TABLE[permission]
    if (!row) {
      t.fail(`${method} ${path}: permission ${permission} is not in the table`)
      continue
    }
    const unsafe = !['GET', 'HEAD'].includes(method)
    for (const [i, actor] of ACTORS.entries()) {
      const res = await app.inject({
        method: method as 'GET',
        url: urlOf(path),
        headers: await headersOf(actor, unsafe),
        // Empty: the policy is checked before the body, so a refusal never depends on it.
        ...(['POST', 'PUT', 'PATCH'].includes(method) ? { payload: {} } : {}),
      })
      const expected = row[i]!
      const what = `${method} ${path} × ${actor}`
      if (expected === ok) t.notOk([401, 403].includes(res.statusCode), `${what}: allowed (${res.statusCode} ${res.statusCode >= 400 ? res.json().code : ''})`)
      else t.match({ status: res.statusCode, code: res.json().code }, { status: statusOf(expected), code: expected }, `${what}: ${expected}`)
    }
  }
})

t.test('every write under /v1 declares a policy, or is one of the few public ones', async (t) => {
  const database = await openTestDatabase(t)
  const app = await buildApp({ config: testConfig(), database, logger: false })
  t.teardown(() => app.close())
  await app.ready()
  const { writes, protectedOps } = await operationsOf(app)
  t.ok(protectedOps.some((op) => op.method === 'POST'), 'protected writes are seen as such')
  t.same(writes.filter((write) => !PUBLIC_WRITES.has(write)), [], 'no write without a policy')
})

t.test('CSRF: a cookie write from another origin is refused before anything else', async (t) => {
  const { app, orgA, headersOf, urlOf } = await setUp(t)
  const { protectedOps } = await operationsOf(app)
  const writes = protectedOps.filter((op) => !['GET', 'HEAD'].includes(op.method))
  t.ok(writes.length > 0)
  for (const { method, path } of writes) {
    const { cookie } = await headersOf('admin', true)
    const send = (headers: Record<string, string>) => app.inject({ method: method as 'POST', url: urlOf(path), headers: { cookie: cookie!, ...headers }, ...(method === 'DELETE' ? {} : { payload: {} }) })
    const foreign: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'http://localhost.evil.example' }, { origin: 'null' }, {}, { 'sec-fetch-site': 'cross-site' }]
    for (const headers of foreign) {
      const res = await send(headers)
      t.match({ status: res.statusCode, code: res.json().code }, { status: 403, code: 'WEGOV_CSRF' }, `${method} ${path} with ${JSON.stringify(headers)}`)
    }
    // A write that passes may answer 204 with no body (signing out everywhere): read the code only if there is one.
    const codeOf = (res: { payload: string; json(): { code?: string } }) => (res.payload === '' ? undefined : res.json().code)
    const sameSite = await send({ 'sec-fetch-site': 'same-origin' })
    t.not(codeOf(sameSite), 'WEGOV_CSRF', `${method} ${path}: Sec-Fetch-Site: same-origin passes`)
    const sameOrigin = await send({ origin: SAME_ORIGIN })
    t.not(codeOf(sameOrigin), 'WEGOV_CSRF', `${method} ${path}: the WeGov origin passes`)
  }
  // An API key is not a browser's ambient credential: no Origin needed.
  const keyWrite = await app.inject({ method: 'POST', url: `/v1/organisations/${orgA}/api-keys`, headers: { ...(await headersOf('keyAWrite', true)), origin: 'https://partner.example' }, payload: {} })
  t.equal(keyWrite.json().code, 'WEGOV_FORBIDDEN', 'a key is judged by the policy, not by CSRF')
})
