import { randomUUID } from 'node:crypto'
import { type Kysely, type Selectable, type UpdateObject, sql } from 'kysely'
import type { PetitionTable, RejectionCode } from '../../db/petition-tables.js'
import type { DB, Lang, TranslatedText } from '../../db/schema.js'
import { inTransaction } from '../../db/transaction.js'
import { WeGovError } from '../../errors.js'
import { translatedHtmlToText } from '../../content/rich-text.js'
import { searchVector } from '../../search/search-vector.js'
import type { Actor } from '../accounts/actor.js'
import { personById } from '../accounts/people-directory.js'
import { decideOnClosingPetition, decideOnPetition } from '../accounts/policy.js'
import { type Requester, recordChange } from '../changes/change-log.js'
import { slugFromTitle } from '../content-writes/item-slugs.js'
import { FieldChecks, mergePatch } from '../content-writes/write-checks.js'
import { isCountryCode } from '../vocabulary/country-codes.js'
import { HIDING_CODES } from './rejection-codes.js'

/**
 * Petitions launched by anyone, from draft to moderation: every move of the lifecycle (petition-lifecycle.ts)
 * is one function here, one transaction that changes the row only from the state it expects (so two moves
 * racing cannot both happen) and records the move in the change log, which the audit and the mail read.
 *
 *   draft ──submit──► collecting_sponsors ──(sponsors confirmed)──► pending_review ──approve──► open
 *     │     (a citizen's)                                              ▲      └──reject──► rejected | hidden
 *     └──submit (an organisation's) ──────────────────────────────────┘
 *   draft, collecting_sponsors, pending_review ──withdraw──► withdrawn
 *   open ──close (its organiser, before its closing date)──► closed
 */

export interface LaunchRules {
  /** Confirmed sponsors a citizen's petition needs (WEGOV_PETITION_SPONSORS). */
  sponsorsNeeded: number
  /** Days moderators have to decide (WEGOV_MODERATION_DAYS). */
  moderationDays: number
  /** The longest a petition may stay open, in months (WEGOV_PETITION_MAX_MONTHS). */
  maxMonths: number
  /** Signatures (online and paper) past which a petition awaits an official response (WEGOV_RESPONSE_THRESHOLD). */
  responseThreshold: number
}

/** Shortest time a petition may be open: a closing date nearer than this is refused, at submission and at approval. */
const MIN_OPEN_DAYS = 7
/** A moderator's claim lapses after this long, so an abandoned claim does not block the queue. */
const CLAIM_MINUTES = 120

export type LaunchRow = Selectable<PetitionTable>

export interface DraftInput {
  organisationId?: string | undefined
  originalLang?: Lang | undefined
  title?: Partial<Record<Lang, string | null>> | undefined
  summary?: Partial<Record<Lang, string | null>> | undefined
  text?: Partial<Record<Lang, string | null>> | undefined
  authority?: Partial<Record<Lang, string | null>> | undefined
  country?: string | undefined
  themes?: string[] | undefined
  goal?: number | undefined
  closesAt?: string | undefined
}

const LAUNCH_COLUMNS = [
  'id', 'slug', 'status', 'original_lang', 'title', 'summary', 'body', 'targets', 'country', 'themes', 'signature_goal',
  'opens_at', 'closes_at', 'ended_at', 'owner_organisation_id', 'launcher_name', 'creator_person_id', 'sponsors_needed',
  'submitted_at', 'moderation_due_at', 'moderation_claimed_by', 'moderation_claimed_at', 'moderated_by', 'moderated_at',
  'rejection_code', 'rejection_reason', 'created_at', 'updated_at', 'deleted_at',
] as const

/** Any live petition's row with what launching needs, or undefined. */
export async function findLaunch(db: Kysely<DB>, id: string): Promise<LaunchRow | undefined> {
  const row = await db.selectFrom('petitions').select(LAUNCH_COLUMNS).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()
  return row as LaunchRow | undefined
}

/** The petition, if `actor` may manage it (policy.ts decideOnPetition); 404 rather than 403 for one they may not see. */
export async function managedPetition(db: Kysely<DB>, actor: Actor, id: string): Promise<LaunchRow> {
  const row = await findLaunch(db, id)
  if (!row) throw new WeGovError('WEGOV_NOT_FOUND')
  const decision = decideOnPetition(actor, { creatorPersonId: row.creator_person_id, organisationId: row.owner_organisation_id })
  if (!decision.allowed) throw new WeGovError(decision.code === 'WEGOV_FORBIDDEN' ? 'WEGOV_NOT_FOUND' : decision.code)
  return row
}

/** The petitions a person drafted, newest first. */
export function petitionsLaunchedBy(db: Kysely<DB>, personId: string): Promise<LaunchRow[]> {
  return db
    .selectFrom('petitions')
    .select(LAUNCH_COLUMNS)
    .where('creator_person_id', '=', personId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute() as Promise<LaunchRow[]>
}

/** An organisation's petitions in every state, newest first. */
export function petitionsOfOrganisation(db: Kysely<DB>, organisationId: string): Promise<LaunchRow[]> {
  return db
    .selectFrom('petitions')
    .select(LAUNCH_COLUMNS)
    .where('owner_organisation_id', '=', organisationId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute() as Promise<LaunchRow[]>
}

/** Petitions awaiting moderation, the most urgent first (by due date). */
export function moderationQueue(db: Kysely<DB>): Promise<LaunchRow[]> {
  return db
    .selectFrom('petitions')
    .select(LAUNCH_COLUMNS)
    .where('status', '=', 'pending_review')
    .where('deleted_at', 'is', null)
    .orderBy('moderation_due_at', 'asc')
    .orderBy('id', 'asc')
    .limit(500)
    .execute() as Promise<LaunchRow[]>
}

/** The draft's fields, checked as every write's are (every fault at once, field by field). */
function checkedFields(input: DraftInput, current: LaunchRow | undefined, rules: LaunchRules, now: Date) {
  const checks = new FieldChecks()
  const originalLang = input.originalLang ?? current?.original_lang ?? 'ar'
  const merged = (name: 'title' | 'summary' | 'authority', stored: TranslatedText | undefined) =>
    checks.text(name, mergePatch(stored ?? {}, input[name] ?? {}) as TranslatedText, false)
  const title = merged('title', current?.title)
  const summary = checks.text('summary', mergePatch(current?.summary ?? {}, input.summary ?? {}) as TranslatedText, true)
  const authority = merged('authority', current?.targets[0])
  const text = checks.html(mergePatch(current?.body ?? {}, input.text ?? {}) as TranslatedText)
  checks.original('title', title, originalLang)
  const country = input.country ?? current?.country
  if (country !== undefined && !isCountryCode(country)) checks.fail('country', 'WEGOV_INVALID_COUNTRY', 'not an assigned ISO 3166-1 alpha-2 code')
  const closesAt = input.closesAt === undefined ? current?.closes_at : new Date(input.closesAt)
  if (closesAt && input.closesAt !== undefined) checkClosingDate(checks, closesAt, rules, now)
  checks.settle()
  return {
    originalLang,
    title,
    summary,
    text,
    authority,
    country: country!,
    themes: input.themes ?? current?.themes ?? [],
    goal: input.goal ?? current?.signature_goal ?? 1,
    closesAt: closesAt!,
  }
}

function checkClosingDate(checks: FieldChecks, closesAt: Date, rules: LaunchRules, now: Date): void {
  const latest = new Date(now)
  latest.setUTCMonth(latest.getUTCMonth() + rules.maxMonths)
  if (closesAt.getTime() < now.getTime() + MIN_OPEN_DAYS * 86_400_000 || closesAt > latest) {
    checks.fail('closesAt', 'WEGOV_PETITION_CLOSES_TOO_SOON', `between ${MIN_OPEN_DAYS} days and ${rules.maxMonths} months from now`)
  }
}

type Fields = ReturnType<typeof checkedFields>

function columnsOf(fields: Fields) {
  return {
    original_lang: fields.originalLang,
    title: JSON.stringify(fields.title),
    summary: JSON.stringify(fields.summary),
    body: JSON.stringify(fields.text),
    targets: JSON.stringify(Object.keys(fields.authority).length > 0 ? [fields.authority] : []),
    country: fields.country,
    themes: fields.themes,
    signature_goal: fields.goal,
    closes_at: fields.closesAt,
    search: searchVector({ title: fields.title, summary: fields.summary, body: translatedHtmlToText(fields.text) }),
  }
}

/** `base`, or the first free `base-2`, `base-3`… among petitions. */
async function freeSlug(db: Kysely<DB>, base: string, exceptId: string): Promise<string> {
  const rows = await db
    .selectFrom('petitions')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .where('id', '<>', exceptId)
    .execute()
  const taken = new Set(rows.map((row) => row.slug))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

const snapshot = (row: Pick<LaunchRow, 'status' | 'slug'> & { rejection_code?: RejectionCode | null }) => ({
  status: row.status,
  slug: row.slug,
  ...(row.rejection_code ? { rejectionCode: row.rejection_code } : {}),
})

/**
 * Saves a new draft. A person drafts for themself (a citizen's petition, launched under their name) or, with
 * `organisationId`, for an organisation whose content they may write; an API key only for its organisation.
 */
export async function createDraft(db: Kysely<DB>, request: Requester, input: DraftInput & { originalLang: Lang; country: string; goal: number; closesAt: string }, rules: LaunchRules): Promise<LaunchRow> {
  const actor = request.actor
  const organisationId = input.organisationId ?? (actor.kind === 'key' ? actor.organisationId : null)
  const decision = decideOnPetition(actor, { creatorPersonId: actor.kind === 'person' ? actor.personId : null, organisationId })
  if (!decision.allowed) throw new WeGovError(decision.code)
  const now = new Date()
  const fields = checkedFields(input, undefined, rules, now)
  const id = randomUUID()
  return inTransaction(db, async (trx) => {
    const person = actor.kind === 'person' ? await personById(trx, actor.personId) : undefined
    const row = (await trx
      .insertInto('petitions')
      .values({
        id,
        slug: await freeSlug(trx, slugFromTitle(fields.title, 'petition', id), id),
        owner_organisation_id: organisationId,
        // A citizen's petition is launched under the name of their account; an organisation's under its own.
        launcher_name: organisationId ? null : person?.name.trim() || 'WeGov',
        creator_person_id: person?.id ?? null,
        sponsors_needed: organisationId ? 0 : rules.sponsorsNeeded,
        status: 'draft',
        opens_at: now,
        ...columnsOf(fields),
      })
      .returning(LAUNCH_COLUMNS)
      .executeTakeFirstOrThrow()) as LaunchRow
    await recordChange(trx, request, { action: 'petition.drafted', subjectType: 'petition', subjectId: id, organisationId, after: snapshot(row) })
    return row
  })
}

/**
 * Changes a draft (a merge patch). Once submitted, its text is frozen: only a moderator may still correct it
 * (a typo), until it closes, and the change log keeps what the text was before.
 */
export async function updateDraft(db: Kysely<DB>, request: Requester, row: LaunchRow, patch: DraftInput, rules: LaunchRules, asModerator: boolean): Promise<LaunchRow> {
  const editable = asModerator ? ['draft', 'collecting_sponsors', 'pending_review', 'open'] : ['draft']
  if (!editable.includes(row.status)) throw new WeGovError('WEGOV_PETITION_STATE')
  const fields = checkedFields(patch, row, rules, new Date())
  return inTransaction(db, async (trx) => {
    const slug = row.status === 'draft' ? await freeSlug(trx, slugFromTitle(fields.title, 'petition', row.id), row.id) : row.slug
    const updated = (await trx
      .updateTable('petitions')
      .set({ ...columnsOf(fields), slug, updated_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .returning(LAUNCH_COLUMNS)
      .executeTakeFirst()) as LaunchRow | undefined
    if (!updated) throw new WeGovError('WEGOV_PETITION_STATE')
    await recordChange(trx, request, {
      action: row.status === 'draft' ? 'petition.updated' : 'petition.corrected',
      subjectType: 'petition',
      subjectId: row.id,
      organisationId: row.owner_organisation_id,
      before: { title: row.title, summary: row.summary, text: row.body, authority: row.targets[0] ?? {} },
      after: { title: updated.title, summary: updated.summary, text: updated.body, authority: updated.targets[0] ?? {} },
    })
    return updated
  })
}

/** Moves a petition from one state to the next, only if it is still in `from`; records the move. */
async function move(
  db: Kysely<DB>,
  request: Requester | null,
  row: LaunchRow,
  from: readonly LaunchRow['status'][],
  action: string,
  set: UpdateObject<DB, 'petitions'>,
): Promise<LaunchRow> {
  if (!from.includes(row.status)) throw new WeGovError('WEGOV_PETITION_STATE')
  return inTransaction(db, async (trx) => {
    const moved = (await trx
      .updateTable('petitions')
      .set(set)
      .set({ updated_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .where('status', 'in', from)
      .returning(LAUNCH_COLUMNS)
      .executeTakeFirst()) as LaunchRow | undefined
    if (!moved) throw new WeGovError('WEGOV_PETITION_STATE')
    await recordChange(trx, request, {
      action,
      subjectType: 'petition',
      subjectId: row.id,
      organisationId: row.owner_organisation_id,
      before: snapshot(row),
      after: snapshot(moved),
    })
    return moved
  })
}

const dueDate = (rules: LaunchRules) => sql<Date>`now() + make_interval(days => ${rules.moderationDays})`

/**
 * Submits a draft: a citizen's petition then collects its sponsors through its private link; an
 * organisation's goes straight to moderation. Its closing date is checked again: time has passed.
 */
export async function submitDraft(db: Kysely<DB>, request: Requester, row: LaunchRow, rules: LaunchRules): Promise<LaunchRow> {
  if (row.status !== 'draft') throw new WeGovError('WEGOV_PETITION_STATE')
  const checks = new FieldChecks()
  checks.original('title', row.title, row.original_lang)
  checkClosingDate(checks, row.closes_at, rules, new Date())
  checks.settle()
  const citizen = row.owner_organisation_id === null
  return citizen
    ? move(db, request, row, ['draft'], 'petition.submitted', { status: 'collecting_sponsors', sponsors_needed: rules.sponsorsNeeded, submitted_at: sql<Date>`now()` })
    : move(db, request, row, ['draft'], 'petition.submitted', { status: 'pending_review', submitted_at: sql<Date>`now()`, moderation_due_at: dueDate(rules) })
}

/** Its creator takes it back before it opens. */
export function withdrawLaunch(db: Kysely<DB>, request: Requester, row: LaunchRow): Promise<LaunchRow> {
  return move(db, request, row, ['draft', 'collecting_sponsors', 'pending_review'], 'petition.withdrawn', { status: 'withdrawn', ended_at: sql<Date>`now()` })
}

/**
 * Its organiser closes an open petition before its closing date: it stops taking signatures now, its public
 * status becomes `closed`, and the `petition.closed` change fires the webhooks. Only from `open`, and only
 * while it still collects (one past its closing date is closed already, to the public).
 */
export function closePetition(db: Kysely<DB>, request: Requester, row: LaunchRow): Promise<LaunchRow> {
  const decision = decideOnClosingPetition(request.actor, { creatorPersonId: row.creator_person_id, organisationId: row.owner_organisation_id })
  if (!decision.allowed) throw new WeGovError(decision.code)
  if (row.status === 'open' && row.closes_at.getTime() <= Date.now()) throw new WeGovError('WEGOV_PETITION_STATE')
  return move(db, request, row, ['open'], 'petition.closed', { status: 'closed', ended_at: sql<Date>`now()` })
}

/**
 * A sponsor's signature was confirmed: once enough are, the petition goes to moderation. Called after each
 * confirmation on a petition collecting sponsors, with its confirmed count; a petition already moved on
 * stays where it is (the update names the state it moves from).
 */
export async function sponsorsConfirmed(db: Kysely<DB>, petitionId: string, confirmed: number, rules: LaunchRules): Promise<boolean> {
  const row = await findLaunch(db, petitionId)
  if (!row || row.status !== 'collecting_sponsors' || confirmed < row.sponsors_needed) return false
  try {
    await move(db, null, row, ['collecting_sponsors'], 'petition.sponsored', { status: 'pending_review', moderation_due_at: dueDate(rules) })
    return true
  } catch (error) {
    if (error instanceof WeGovError && error.code === 'WEGOV_PETITION_STATE') return false
    throw error
  }
}

function claimedByAnother(row: LaunchRow, moderatorId: string): boolean {
  return (
    row.moderation_claimed_by !== null &&
    row.moderation_claimed_by !== moderatorId &&
    row.moderation_claimed_at !== null &&
    row.moderation_claimed_at.getTime() > Date.now() - CLAIM_MINUTES * 60_000
  )
}

/** A moderator takes a petition of the queue, so that two do not review it at once (the claim lapses). */
export async function claimForModeration(db: Kysely<DB>, request: Requester, row: LaunchRow, moderatorId: string): Promise<LaunchRow> {
  if (row.status !== 'pending_review') throw new WeGovError('WEGOV_PETITION_STATE')
  if (claimedByAnother(row, moderatorId)) throw new WeGovError('WEGOV_MODERATION_CLAIMED')
  return inTransaction(db, async (trx) => {
    const claimed = (await trx
      .updateTable('petitions')
      .set({ moderation_claimed_by: moderatorId, moderation_claimed_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .where('status', '=', 'pending_review')
      .where((eb) =>
        eb.or([
          eb('moderation_claimed_by', 'is', null),
          eb('moderation_claimed_by', '=', moderatorId),
          eb('moderation_claimed_at', '<', sql<Date>`now() - make_interval(mins => ${CLAIM_MINUTES})`),
        ]),
      )
      .returning(LAUNCH_COLUMNS)
      .executeTakeFirst()) as LaunchRow | undefined
    if (!claimed) throw new WeGovError('WEGOV_MODERATION_CLAIMED')
    await recordChange(trx, request, { action: 'petition.claimed', subjectType: 'petition', subjectId: row.id, organisationId: row.owner_organisation_id })
    return claimed
  })
}

/** Approves it: it opens now, until its closing date (still at least a week away). */
export async function approvePetition(db: Kysely<DB>, request: Requester, row: LaunchRow, moderatorId: string): Promise<LaunchRow> {
  if (row.status !== 'pending_review') throw new WeGovError('WEGOV_PETITION_STATE')
  if (claimedByAnother(row, moderatorId)) throw new WeGovError('WEGOV_MODERATION_CLAIMED')
  if (row.closes_at.getTime() < Date.now() + MIN_OPEN_DAYS * 86_400_000) throw new WeGovError('WEGOV_PETITION_CLOSES_TOO_SOON')
  return move(db, request, row, ['pending_review'], 'petition.published', {
    status: 'open',
    opens_at: sql<Date>`now()`,
    moderated_by: moderatorId,
    moderated_at: sql<Date>`now()`,
    moderation_claimed_by: null,
    moderation_claimed_at: null,
  })
}

/**
 * Rejects it with a coded reason and an optional note (kept in the moderator's language). A rejection for
 * defamation, illegality or personal data hides it from the site; any other leaves it public with the reason.
 */
export async function rejectPetition(
  db: Kysely<DB>,
  request: Requester,
  row: LaunchRow,
  moderatorId: string,
  reason: { code: RejectionCode; note?: string | undefined; lang: Lang },
): Promise<LaunchRow> {
  if (row.status !== 'pending_review') throw new WeGovError('WEGOV_PETITION_STATE')
  if (claimedByAnother(row, moderatorId)) throw new WeGovError('WEGOV_MODERATION_CLAIMED')
  const checks = new FieldChecks()
  const note = checks.text('note', { [reason.lang]: reason.note ?? '' }, true)
  checks.settle()
  const hidden = HIDING_CODES.has(reason.code)
  return move(db, request, row, ['pending_review'], hidden ? 'petition.hidden' : 'petition.rejected', {
    status: hidden ? 'hidden' : 'rejected',
    rejection_code: reason.code,
    rejection_reason: Object.keys(note).length > 0 ? JSON.stringify(note) : null,
    ended_at: sql<Date>`now()`,
    moderated_by: moderatorId,
    moderated_at: sql<Date>`now()`,
    moderation_claimed_by: null,
    moderation_claimed_at: null,
  })
}
