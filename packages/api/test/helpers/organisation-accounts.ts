import { randomUUID } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import type { PlatformRole } from '../../src/db/account-tables.js'
import type { Lang } from '../../src/db/schema.js'
import { deliverPendingMail } from '../../src/mail/mail-plugin.js'
import { signIn } from './accounts.js'
import { buildTestApp } from './test-app.js'

/** Helpers of the organisation, invitation, application and platform-role tests. */

export const ADMIN = 'admin@wegov.example'

/** An app with one platform admin, quiet background work, and no rate limits unless a test is about them. */
export async function buildAccountsApp(t: Test): Promise<FastifyInstance> {
  const app = await buildTestApp(t, { config: { rateLimit: false, mailPollMs: 3_600_000, jobIntervalSeconds: 3600, adminEmails: [ADMIN] } })
  await addPerson(app, ADMIN, { platformRole: 'admin', name: 'Admin WeGov' })
  return app
}

export async function addPerson(app: FastifyInstance, email: string, options: { platformRole?: PlatformRole; name?: string; lang?: Lang } = {}): Promise<string> {
  const id = randomUUID()
  await app.db
    .insertInto('people')
    .values({ id, email: email.toLowerCase(), platform_role: options.platformRole ?? null, name: options.name ?? '', lang: options.lang ?? 'fr' })
    .execute()
  return id
}

/**
 * What a console page's fetch sends on a write: its Origin, which names the host it was sent to. (Host is
 * given without the default port, as a browser writes it, so Origin and Host compare equal as strings.)
 */
const SAME_ORIGIN = { origin: 'http://localhost', host: 'localhost' }

export interface Browser {
  personId: string
  cookie: string
  get(url: string): Promise<LightMyRequestResponse>
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>
  patch(url: string, payload: unknown): Promise<LightMyRequestResponse>
  put(url: string, payload: unknown): Promise<LightMyRequestResponse>
  delete(url: string): Promise<LightMyRequestResponse>
}

/** A signed-in person's browser on the console: their session cookie, and the WeGov Origin on writes. */
export async function browserOf(app: FastifyInstance, email: string, headers: Record<string, string> = {}): Promise<Browser> {
  const cookie = await signIn(app, email)
  const person = await app.db.selectFrom('people').select('id').where('email', '=', email.toLowerCase()).executeTakeFirstOrThrow()
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie, ...(method === 'GET' ? {} : SAME_ORIGIN), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    })
  return {
    personId: person.id,
    cookie,
    get: (url) => send('GET', url),
    post: (url, payload) => send('POST', url, payload),
    patch: (url, payload) => send('PATCH', url, payload),
    put: (url, payload) => send('PUT', url, payload),
    delete: (url) => send('DELETE', url),
  }
}

export interface Mail {
  subject: string
  text: string
  html: string
  links: Record<string, string>
}

/**
 * Delivers the outbox, then reads the development mailbox of one address (newest first): the messages about
 * organisations, without the sign-in codes that signing the test's people in sends them.
 */
export async function mailbox(app: FastifyInstance, address: string): Promise<Mail[]> {
  await deliverPendingMail(app)
  const response = await app.inject({ url: `/dev/mailbox?to=${encodeURIComponent(address)}` })
  if (response.statusCode !== 200) throw new Error(`GET /dev/mailbox answered ${response.statusCode}`)
  const items: Mail[] = response.json().items
  return items.filter((mail) => !Object.values(mail.links).some((link) => link.includes('/console/sign-in')))
}

export function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get('token')
  if (!token) throw new Error(`no token in ${link}`)
  return token
}

/** The change log's events of one action, oldest first. */
export async function changes(app: FastifyInstance, action: string) {
  return app.db.selectFrom('change_log').selectAll().where('action', '=', action).orderBy('id').execute()
}

/** How many rows each table touched by these routes holds: equal before and after a refused request. */
export async function rowCounts(app: FastifyInstance) {
  const count = async (table: 'organisations' | 'memberships' | 'invitations' | 'organisation_applications' | 'change_log' | 'mail_outbox') =>
    Number((await app.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  return {
    organisations: await count('organisations'),
    memberships: await count('memberships'),
    invitations: await count('invitations'),
    applications: await count('organisation_applications'),
    changes: await count('change_log'),
    outbox: await count('mail_outbox'),
  }
}

/** A valid organisation creation body; override what the test is about. */
export function organisationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: { fr: 'Association Tunisienne de la Gouvernance Locale', ar: 'الجمعية التونسية للحوكمة المحلية' },
    description: { fr: 'Accompagne les communes dans la participation citoyenne.' },
    kind: 'ngo',
    country: 'TN',
    website: 'https://atgl.example.org',
    originalLang: 'fr',
    ...overrides,
  }
}

/** An organisation created by the admin through the API, with `owner` as its owner (invited, then accepted). */
export async function organisationWithOwner(app: FastifyInstance, admin: Browser, ownerEmail: string, overrides: Record<string, unknown> = {}) {
  const created = await admin.post('/v1/organisations', organisationBody({ ownerEmail, ...overrides }))
  if (created.statusCode !== 201) throw new Error(`POST /v1/organisations answered ${created.statusCode}: ${created.body}`)
  const organisation = created.json()
  const [invitation] = await mailbox(app, ownerEmail)
  const owner = await browserOf(app, ownerEmail)
  const accepted = await owner.post('/v1/invitations/accept', { token: tokenOf(invitation!.links.accept!) })
  if (accepted.statusCode !== 200) throw new Error(`accept answered ${accepted.statusCode}: ${accepted.body}`)
  return { organisation, owner }
}
