import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { sanitiseTranslatedHtml, translatedHtmlToText } from '../../content/rich-text.js'
import type { PetitionStatus, RejectionCode } from '../../db/petition-tables.js'
import type { DB, Lang, TranslatedText } from '../../db/schema.js'
import { searchVector } from '../../search/search-vector.js'
import type { Theme } from '../vocabulary/terms.js'
import { inTransaction } from '../../db/transaction.js'
import { liveOrganisationIdsBySlug } from '../organisations/organisation-refs.js'

/** What createPetition accepts. The demo loader and the tests create petitions through it. */
export interface PetitionInput {
  id?: string
  slug: string
  /** The launching organisation, by slug... */
  organisationSlug?: string | null
  /** ...or the display name of the person who launched it. */
  launcherName?: string | null
  title: TranslatedText
  summary?: TranslatedText
  /** The petition text, the letter to the target(s): HTML, sanitised before it is stored. */
  text?: TranslatedText
  /** Whom the petition addresses. */
  targets?: TranslatedText[]
  originalLang: Lang
  /** ISO 3166-1 alpha-2. */
  country: string
  themes: Theme[]
  signatureGoal: number
  opensAt: string | Date
  closesAt: string | Date
  status: PetitionStatus
  /** When it was closed early by its owner, rejected or withdrawn. */
  endedAt?: string | Date | null
  rejectionReason?: TranslatedText | null
  /** Why moderators rejected it (a rejected or hidden petition needs this or a reason). */
  rejectionCode?: RejectionCode | null
  /** Who drafted it (petition-launches.ts), for a petition launched by a person. */
  creatorPersonId?: string | null
  /** A citizen's petition: the confirmed sponsors it needs before moderation. */
  sponsorsNeeded?: number
  submittedAt?: string | Date | null
  moderationDueAt?: string | Date | null
  response?: { text: TranslatedText; originalLang: Lang; respondedAt: string | Date } | null
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * Creates a petition in one statement (the petitions trigger then tells every read cache). Throws a plain
 * Error on input no public route can produce: an unknown organisation, a bad slug, closing before opening,
 * a rejection without a reason.
 *
 * @example
 * await createPetition(db, { slug: 'clean-water', organisationSlug: 'accun', title: { fr: 'De l’eau potable' },
 *   originalLang: 'fr', country: 'TN', themes: ['public-services'], signatureGoal: 1000,
 *   opensAt: '2025-01-01T00:00:00Z', closesAt: '2025-06-30T00:00:00Z', status: 'open' })
 */
export async function createPetition(db: Kysely<DB>, input: PetitionInput): Promise<{ id: string }> {
  const id = input.id ?? randomUUID()
  if (!SLUG.test(input.slug) || input.slug.length > 100) throw new Error(`Invalid petition slug "${input.slug}"`)
  if (!input.organisationSlug && !input.launcherName?.trim()) throw new Error('A petition needs an organisation or a launcher name')
  if (!/^[A-Z]{2}$/.test(input.country)) throw new Error(`Invalid country "${input.country}"`)
  if (!Number.isSafeInteger(input.signatureGoal) || input.signatureGoal < 1) throw new Error('signatureGoal must be a positive integer')
  const opensAt = new Date(input.opensAt)
  const closesAt = new Date(input.closesAt)
  if (!(closesAt.getTime() > opensAt.getTime())) throw new Error('A petition must close after it opens')
  if ((input.status === 'rejected' || input.status === 'hidden') && !input.rejectionReason && !input.rejectionCode) {
    throw new Error('A rejected petition needs a reason')
  }
  const text = sanitiseTranslatedHtml(input.text)

  return inTransaction(db, async (trx) => {
    let organisationId: string | null = null
    if (input.organisationSlug) {
      const found = (await liveOrganisationIdsBySlug(trx, [input.organisationSlug])).get(input.organisationSlug)
      if (!found) throw new Error(`Unknown organisation slug: ${input.organisationSlug}`)
      organisationId = found
    }
    await trx
      .insertInto('petitions')
      .values({
        id,
        slug: input.slug,
        owner_organisation_id: organisationId,
        launcher_name: input.launcherName?.trim() || null,
        title: JSON.stringify(input.title),
        summary: JSON.stringify(input.summary ?? {}),
        body: JSON.stringify(text),
        targets: JSON.stringify(input.targets ?? []),
        original_lang: input.originalLang,
        country: input.country,
        themes: input.themes,
        signature_goal: input.signatureGoal,
        opens_at: opensAt,
        closes_at: closesAt,
        status: input.status,
        ended_at: input.endedAt ? new Date(input.endedAt) : null,
        rejection_reason: input.rejectionReason ? JSON.stringify(input.rejectionReason) : null,
        rejection_code: input.rejectionCode ?? null,
        creator_person_id: input.creatorPersonId ?? null,
        sponsors_needed: input.sponsorsNeeded ?? 0,
        submitted_at: input.submittedAt ? new Date(input.submittedAt) : null,
        moderation_due_at: input.moderationDueAt ? new Date(input.moderationDueAt) : null,
        response: input.response ? JSON.stringify(input.response.text) : null,
        response_original_lang: input.response?.originalLang ?? null,
        responded_at: input.response ? new Date(input.response.respondedAt) : null,
        search: searchVector({ title: input.title, summary: input.summary, body: translatedHtmlToText(text) }),
      })
      .execute()
    return { id }
  })
}
