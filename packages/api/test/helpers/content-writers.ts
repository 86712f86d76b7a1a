import type { LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import { ORGANISATIONS, createFixtureOrganisations } from './content-fixtures.js'
import { signIn } from './accounts.js'
import { grantMembership, grantPlatformRole, organisationIdOf } from './roles.js'
import { buildTestApp, openTestDatabase } from './test-app.js'
import type { Config } from '../../src/config.js'

/** What the console sends with a cookie write: its own origin (inject's Host is localhost:80). */
const SAME_ORIGIN = { origin: 'http://localhost' }

/** Someone calling the publishing API: a console session, an API key, or nobody. */
export interface Writer {
  name: string
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, options?: { payload?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>
}

export type WriterName = 'admin' | 'owner' | 'editor' | 'otherEditor' | 'citizen' | 'anonymous' | 'key' | 'otherKey' | 'readOnlyKey'

/**
 * An app with the fixture organisations and one caller of every kind: an admin, the NGO's owner and editor,
 * the funder's editor, a citizen, nobody, a content:write key of the NGO, one of the funder, and an NGO key
 * with drafts:read only.
 */
export async function buildWritersApp(t: Test, config: Partial<Config> = {}) {
  const database = await openTestDatabase(t)
  await createFixtureOrganisations(database.db)
  const app = await buildTestApp(t, { database, config: { rateLimit: false, ...config } })
  const ngo = await organisationIdOf(app, ORGANISATIONS.ngo)
  const funder = await organisationIdOf(app, ORGANISATIONS.funder)
  const session = async (email: string) => {
    const cookie = await signIn(app, email)
    return cookie
  }
  const adminCookie = await session('admin@example.org')
  await grantPlatformRole(app, 'admin@example.org', 'admin')
  const ownerCookie = await session('owner@example.org')
  await grantMembership(app, 'owner@example.org', ngo, 'owner')
  const editorCookie = await session('editor@example.org')
  await grantMembership(app, 'editor@example.org', ngo, 'editor')
  const otherEditorCookie = await session('other@example.org')
  await grantMembership(app, 'other@example.org', funder, 'editor')
  const citizenCookie = await session('citizen@example.org')
  const otherOwnerCookie = await session('funder-owner@example.org')
  await grantMembership(app, 'funder-owner@example.org', funder, 'owner')

  const key = async (cookie: string, organisationId: string, scopes: string[]) => {
    const res = await app.inject({ method: 'POST', url: `/v1/organisations/${organisationId}/api-keys`, headers: { cookie, ...SAME_ORIGIN }, payload: { name: 'sync', scopes } })
    if (res.statusCode !== 201) throw new Error(`api key: ${res.statusCode} ${res.body}`)
    return res.json().secret as string
  }
  const keySecret = await key(ownerCookie, ngo, ['content:write', 'drafts:read'])
  const otherKeySecret = await key(otherOwnerCookie, funder, ['content:write', 'drafts:read'])
  const readOnlyKeySecret = await key(ownerCookie, ngo, ['drafts:read'])

  const withCookie = (name: string, cookie: string): Writer => ({
    name,
    request: (method, url, options = {}) =>
      app.inject({ method, url, headers: { cookie, ...(method === 'GET' ? {} : SAME_ORIGIN), ...options.headers }, ...(options.payload === undefined ? {} : { payload: options.payload as object }) }),
  })
  const withKey = (name: string, secret: string): Writer => ({
    name,
    request: (method, url, options = {}) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${secret}`, ...options.headers }, ...(options.payload === undefined ? {} : { payload: options.payload as object }) }),
  })
  const writers: Record<WriterName, Writer> = {
    admin: withCookie('admin', adminCookie),
    owner: withCookie('owner', ownerCookie),
    editor: withCookie('editor of the owner', editorCookie),
    otherEditor: withCookie('editor of another organisation', otherEditorCookie),
    citizen: withCookie('citizen', citizenCookie),
    anonymous: {
      name: 'anonymous',
      request: (method, url, options = {}) => app.inject({ method, url, headers: options.headers ?? {}, ...(options.payload === undefined ? {} : { payload: options.payload as object }) }),
    },
    key: withKey('content:write key of the owner', keySecret),
    otherKey: withKey('key of another organisation', otherKeySecret),
    readOnlyKey: withKey('key without content:write', readOnlyKeySecret),
  }
  return { app, database, ngo, funder, writers, keySecret }
}

/** A valid project body; override what the test is about. */
export function projectBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    originalLang: 'ar',
    title: { ar: 'الميزانية التشاركية في صفاقس' },
    summary: { ar: 'مشروع تجريبي' },
    status: 'implementation',
    countries: ['TN'],
    themes: ['local-democracy'],
    plannedStart: '2026-01-01',
    plannedEnd: '2026-12-31',
    ...overrides,
  }
}

/** A valid resource body; override what the test is about. */
export function resourceBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    originalLang: 'fr',
    collection: 'library',
    kind: 'guide',
    title: { fr: 'Guide de la transparence budgétaire' },
    body: { fr: '<p>Publier le budget.</p><script>alert(1)</script>' },
    languages: ['fr'],
    countries: ['TN'],
    themes: ['transparency'],
    ...overrides,
  }
}

export const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' }
