import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../src/db/schema.js'
import { type PetitionInput, createPetition } from '../../src/domains/petitions/create-petition.js'
import { deliverPendingMail } from '../../src/mail/mail-plugin.js'
import { ORGANISATIONS } from './content-fixtures.js'

const DAY = 86_400_000
let sequence = 0

/** An open petition (opened yesterday, closing in a month) launched by the fixture NGO; override what the test is about. */
export function petitionInput(overrides: Partial<PetitionInput> = {}): PetitionInput {
  sequence += 1
  return {
    slug: `petition-${sequence}-${Math.random().toString(36).slice(2, 8)}`,
    organisationSlug: ORGANISATIONS.ngo,
    title: { fr: 'Pétition de test', ar: 'عريضة تجريبية', en: 'Test petition' },
    originalLang: 'fr',
    country: 'TN',
    themes: ['local-democracy'],
    signatureGoal: 100,
    opensAt: new Date(Date.now() - DAY),
    closesAt: new Date(Date.now() + 30 * DAY),
    status: 'open',
    ...overrides,
  }
}

export async function addPetition(db: Kysely<DB>, overrides: Partial<PetitionInput> = {}) {
  const input = petitionInput(overrides)
  const { id } = await createPetition(db, input)
  return { id, slug: input.slug }
}

/** A valid signing body; override what the test is about. */
export function signBody(email: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    firstName: 'Amal',
    lastName: 'Ben Youssef',
    email,
    country: 'TN',
    city: 'Sfax',
    display: 'public',
    consents: { processing: true, newsFromOrganiser: false, newsFromPartner: false },
    locale: 'fr',
    ...overrides,
  }
}

export function sign(
  app: FastifyInstance,
  petition: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: `/v1/petitions/${petition}/signatures`, payload: body, headers })
}

export interface MailboxMessage {
  subject: string
  text: string
  html: string
  code: string | null
  links: { confirm: string; withdraw: string }
}

/** Delivers the outbox, then reads the development mailbox of one address (newest first). */
export async function mailbox(app: FastifyInstance, address: string): Promise<MailboxMessage[]> {
  await deliverPendingMail(app)
  const response = await app.inject({ method: 'GET', url: `/dev/mailbox?to=${encodeURIComponent(address)}` })
  if (response.statusCode !== 200) throw new Error(`GET /dev/mailbox answered ${response.statusCode}`)
  return response.json().items
}

export function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get('token')
  if (!token) throw new Error(`no token in ${link}`)
  return token
}

export async function countOf(app: FastifyInstance, petition: string): Promise<number> {
  const response = await app.inject({ method: 'GET', url: `/v1/petitions/${petition}/count` })
  if (response.statusCode !== 200) throw new Error(`count answered ${response.statusCode}`)
  return response.json().total
}

/** Rows a signing request on this petition wrote, to prove a refused request wrote nothing. */
export async function writtenRows(db: Kysely<DB>, petitionId: string) {
  const signatures = await db.selectFrom('signatures').select((eb) => eb.fn.countAll<number>().as('n')).where('petition_id', '=', petitionId).executeTakeFirstOrThrow()
  const outbox = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<boolean>`payload->>'petitionId' = ${petitionId}`)
    .executeTakeFirstOrThrow()
  const counts = await db.selectFrom('petition_counts').select((eb) => eb.fn.countAll<number>().as('n')).where('petition_id', '=', petitionId).executeTakeFirstOrThrow()
  return { signatures: Number(signatures.n), outbox: Number(outbox.n), counts: Number(counts.n) }
}

export async function idempotencyKeyStored(db: Kysely<DB>, key: string): Promise<boolean> {
  return (await db.selectFrom('idempotency_keys').select('key').where('key', '=', key).executeTakeFirst()) !== undefined
}

/** Settings every petitions test uses: abuse switches off unless a test is about them, no background noise. */
export const PETITION_TEST_CONFIG = { pow: false, rateLimit: false, mailPollMs: 3_600_000, jobIntervalSeconds: 3600 } as const
