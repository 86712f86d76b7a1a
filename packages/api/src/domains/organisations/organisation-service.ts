import { randomUUID } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { OrganisationKind } from '../vocabulary/terms.js'
import { createOrganisation } from '../../content/content-store.js'
import type { ContentLicence, DB, Lang, OrganisationTable, TranslatedText } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { LANGS } from '../../i18n/languages.js'
import { decide } from '../accounts/policy.js'
import { recordChange } from '../changes/change-log.js'
import { slugBase, slugTaken, uniqueSlug } from './organisation-slug.js'
import { type TranslationPatch, applyTranslations, checkCountry, iatiIdentifier, missingTranslations, requireOriginalName, webAddress } from './profile-input.js'

/**
 * Organisation profiles as their owners and WeGov's admins manage them. The public `organisations` table is
 * the one model: a profile written here is the one the portal and GET /v1/organisations show (its triggers
 * tell every instance's read cache). Every write records its change in the same transaction.
 */

export type OrganisationRow = Selectable<OrganisationTable>
/** Who makes a change, for the change log: the request's actor and id. */
export type Requester = Pick<FastifyRequest, 'actor' | 'id'>

export interface ProfileInput {
  name: TranslationPatch
  description?: TranslationPatch | undefined
  kind: OrganisationKind
  country: string
  website?: string | null | undefined
  logoUrl?: string | null | undefined
  isPartner?: boolean | undefined
  licence?: ContentLicence | undefined
  /** The IATI organisation identifier (`TN-RNE-…`); null or empty removes it. */
  iatiIdentifier?: string | null | undefined
  originalLang: Lang
}

export type ProfilePatch = Partial<ProfileInput>

/** A live organisation, or 404 (never existed) / 410 (deleted). */
export async function findLiveOrganisation(db: Kysely<DB>, id: string, options: { lock?: boolean } = {}): Promise<OrganisationRow> {
  let query = db.selectFrom('organisations').selectAll().where('id', '=', id)
  // Membership changes of one organisation queue behind each other here, so "the last owner" is counted once.
  if (options.lock) query = query.forNoKeyUpdate()
  const row = await query.executeTakeFirst()
  if (!row) throw new WeGovError('WEGOV_NOT_FOUND')
  if (row.deleted_at) throw new WeGovError('WEGOV_GONE')
  return row
}

/**
 * Inserts an organisation (public at once) and records `organisation.created`. The slug is the one asked for
 * (409 WEGOV_SLUG_TAKEN when used) or one made from the name. Call it inside the caller's transaction.
 */
export async function insertOrganisation(db: Kysely<DB>, who: Requester, input: ProfileInput & { slug?: string | undefined }): Promise<OrganisationRow> {
  const id = randomUUID()
  const name = applyTranslations('name', {}, input.name)
  requireOriginalName(name, input.originalLang)
  const description = applyTranslations('description', {}, input.description, true)
  const country = checkCountry(input.country)
  const website = webAddress('website', input.website)
  const logoUrl = webAddress('logoUrl', input.logoUrl)
  const iati = await freeIatiIdentifier(db, id, iatiIdentifier(input.iatiIdentifier))
  if (input.isPartner) checkPartnerChange(who, false, true)
  if (input.slug !== undefined && (await slugTaken(db, input.slug))) throw new WeGovError('WEGOV_SLUG_TAKEN')
  const slug = input.slug ?? (await uniqueSlug(db, slugBase(name, input.originalLang, id)))
  await createOrganisation(db, { id, slug, name, description, originalLang: input.originalLang, kind: input.kind, country, website, logoUrl, isPartner: input.isPartner ?? false, licence: input.licence, iatiIdentifier: iati })
  const row = await findLiveOrganisation(db, id)
  // A live organisation is public: its events reach the change feed (which reads the organisation, not this snapshot).
  await recordChange(db, who, { action: 'organisation.created', subjectType: 'organisation', subjectId: id, organisationId: id, public: true, after: organisationSnapshot(row) })
  return row
}

/**
 * Applies a profile patch and records `organisation.updated` with the profile before and after; a patch
 * that changes nothing writes nothing. Runs in one transaction.
 */
export async function updateOrganisationProfile(db: Kysely<DB>, who: Requester, id: string, patch: ProfilePatch): Promise<{ row: OrganisationRow; changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    const row = await findLiveOrganisation(trx, id, { lock: true })
    const originalLang = patch.originalLang ?? row.original_lang
    const name = applyTranslations('name', row.name, patch.name)
    requireOriginalName(name, originalLang)
    const next = {
      name,
      description: applyTranslations('description', row.description, patch.description, true),
      original_lang: originalLang,
      kind: patch.kind ?? row.kind,
      country: patch.country === undefined ? row.country : checkCountry(patch.country),
      website: patch.website === undefined ? row.website : webAddress('website', patch.website),
      logo_url: patch.logoUrl === undefined ? row.logo_url : webAddress('logoUrl', patch.logoUrl),
      is_partner: patch.isPartner ?? row.is_partner,
      licence: patch.licence ?? row.licence,
      iati_identifier: patch.iatiIdentifier === undefined ? row.iati_identifier : await freeIatiIdentifier(trx, id, iatiIdentifier(patch.iatiIdentifier)),
    }
    checkPartnerChange(who, row.is_partner, next.is_partner)
    const before = organisationSnapshot(row)
    if (JSON.stringify(organisationSnapshot({ ...row, ...next })) === JSON.stringify(before)) return { row, changed: false }
    const updated = await trx
      .updateTable('organisations')
      .set({ ...next, name: JSON.stringify(next.name), description: JSON.stringify(next.description), updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordChange(trx, who, { action: 'organisation.updated', subjectType: 'organisation', subjectId: id, organisationId: id, public: true, before, after: organisationSnapshot(updated) })
    return { row: updated, changed: true }
  })
}

/** The identifier, unless another organisation states it (409): the unique index would refuse it with a bare 500. */
async function freeIatiIdentifier(db: Kysely<DB>, id: string, identifier: string | null): Promise<string | null> {
  if (identifier === null) return null
  const other = await db.selectFrom('organisations').select('id').where('iati_identifier', '=', identifier).where('id', '!=', id).executeTakeFirst()
  if (other) throw new WeGovError('WEGOV_IATI_IDENTIFIER_TAKEN', { errors: [{ field: 'iatiIdentifier', message: 'used by another organisation' }] })
  return identifier
}

/** Only those the policy table allows may make an organisation a WeGov partner, or stop it being one. */
function checkPartnerChange(who: Requester, before: boolean, after: boolean): void {
  if (before === after) return
  const decision = decide(who.actor, 'organisations.partner.set')
  if (!decision.allowed) throw new WeGovError(decision.code, { errors: [{ field: 'isPartner', message: 'only WeGov admins set the partner flag' }] })
}

/** The profile as the change log keeps it (before/after). */
export function organisationSnapshot(row: OrganisationRow) {
  return {
    slug: row.slug,
    name: inLanguageOrder(row.name),
    description: inLanguageOrder(row.description),
    originalLang: row.original_lang,
    kind: row.kind,
    country: row.country,
    website: row.website,
    logoUrl: row.logo_url,
    isPartner: row.is_partner,
    licence: row.licence,
    iatiIdentifier: row.iati_identifier,
  }
}

/** The same texts always in the same key order (jsonb reorders keys), so snapshots compare as strings. */
function inLanguageOrder(texts: TranslatedText): TranslatedText {
  return Object.fromEntries(LANGS.filter((lang) => texts[lang] !== undefined).map((lang) => [lang, texts[lang]]))
}

export function presentManagedOrganisation(row: OrganisationRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: inLanguageOrder(row.name),
    description: inLanguageOrder(row.description),
    kind: row.kind as OrganisationKind,
    country: row.country,
    website: row.website,
    logoUrl: row.logo_url,
    isPartner: row.is_partner,
    licence: row.licence,
    iatiIdentifier: row.iati_identifier,
    originalLang: row.original_lang,
    missing: missingTranslations({ name: row.name, description: row.description }),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}
