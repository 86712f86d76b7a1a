import type { Kysely } from 'kysely'
import type { DB, Lang } from '../../db/schema.js'
import { localize } from '../../i18n/languages.js'
import { peopleByIds } from '../accounts/people-directory.js'
import type { LaunchRow } from './petition-launches.js'
import type { SponsorLinks } from './sponsor-links.js'

const iso = (date: Date | null) => date?.toISOString() ?? null
const OPENED: ReadonlySet<LaunchRow['status']> = new Set(['open', 'closed'])

/**
 * Petitions as their creators, organisations and moderators see them (LaunchedPetition), in one query for the
 * names. `confirmedOf` gives a petition's confirmed signatures (the signatures service's count): for one
 * collecting sponsors, its confirmed sponsors.
 */
export async function presentLaunches(db: Kysely<DB>, rows: readonly LaunchRow[], lang: Lang, links: SponsorLinks, confirmedOf: (petitionId: string) => Promise<number>) {
  const moderators = await peopleByIds(db, rows.flatMap((row) => (row.moderation_claimed_by ? [row.moderation_claimed_by] : [])))
  const collecting = rows.filter((row) => row.status === 'collecting_sponsors')
  const confirmed = new Map(await Promise.all(collecting.map(async (row) => [row.id, await confirmedOf(row.id)] as const)))
  return rows.map((row) => {
    const claimer = row.moderation_claimed_by ? moderators.get(row.moderation_claimed_by) : undefined
    return {
      id: row.id,
      slug: row.slug,
      status: row.status,
      originalLang: row.original_lang,
      title: localize(row.title, lang, row.original_lang)!,
      texts: { title: row.title, summary: row.summary, text: row.body, authority: row.targets[0] ?? {} },
      country: row.country,
      themes: row.themes,
      goal: row.signature_goal,
      closesAt: row.closes_at.toISOString(),
      opensAt: OPENED.has(row.status) ? row.opens_at.toISOString() : null,
      organisationId: row.owner_organisation_id,
      launcherName: row.launcher_name,
      sponsors:
        row.owner_organisation_id === null
          ? {
              needed: row.sponsors_needed,
              confirmed: confirmed.get(row.id) ?? null,
              token: row.status === 'collecting_sponsors' ? links.tokenFor(row.id) : null,
            }
          : null,
      moderation: {
        submittedAt: iso(row.submitted_at),
        dueAt: iso(row.moderation_due_at),
        claimedBy: claimer ? { id: claimer.id, name: claimer.name } : null,
        decidedAt: iso(row.moderated_at),
        rejectionCode: row.rejection_code,
        rejectionNote: row.rejection_reason ? (localize(row.rejection_reason, lang, row.original_lang)?.text ?? null) : null,
      },
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    }
  })
}
