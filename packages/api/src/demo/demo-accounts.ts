import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { OrganisationRole, PlatformRole } from '../db/account-tables.js'
import type { DB, Lang } from '../db/schema.js'
import { recordChange } from '../domains/changes/change-log.js'
import { DEMO_ORGANISATIONS } from './demo-organisations.js'

/** The demo's platform admin. Like every demo account, it signs in through the development mailbox. */
export const DEMO_ADMIN_EMAIL = 'admin@wegov.localhost'
export const DEMO_MODERATOR_EMAIL = 'moderator@wegov.localhost'
export const DEMO_CITIZEN_EMAIL = 'citizen@wegov.localhost'

export interface DemoAccount {
  email: string
  lang: Lang
  platformRole: PlatformRole | null
  membership: { organisationSlug: string; role: OrganisationRole } | null
}

/**
 * The demo accounts: the platform admin, an editor for each partner organisation
 * (`editor@<slug>.wegov.localhost`), and an owner for the first partner (`owner@<slug>.wegov.localhost`).
 * `.localhost` is reserved (RFC 6761): no mail to these addresses can leave the machine, so in production,
 * where mail goes through SMTP, nobody can sign in as them.
 */
export function demoAccounts(): DemoAccount[] {
  const partners = DEMO_ORGANISATIONS.filter((organisation) => organisation.isPartner)
  const first = partners[0]
  return [
    { email: DEMO_ADMIN_EMAIL, lang: 'fr', platformRole: 'admin', membership: null },
    { email: DEMO_MODERATOR_EMAIL, lang: 'ar', platformRole: 'moderator', membership: null },
    // A citizen with no organisation, who launched the demo's citizen petitions (demo-petitions.ts).
    { email: DEMO_CITIZEN_EMAIL, lang: 'ar', platformRole: null, membership: null },
    ...(first ? [{ email: `owner@${first.slug}.wegov.localhost`, lang: first.originalLang, platformRole: null, membership: { organisationSlug: first.slug, role: 'owner' as const } }] : []),
    ...partners.map((partner) => ({
      email: `editor@${partner.slug}.wegov.localhost`,
      lang: partner.originalLang,
      platformRole: null,
      membership: { organisationSlug: partner.slug, role: 'editor' as const },
    })),
  ]
}

/**
 * Adds the demo accounts that are missing, with their roles, each change in the change log (by nobody:
 * the demo did it). Idempotent: run it again and it adds nothing. No session is created.
 */
export async function loadDemoAccounts(trx: Kysely<DB>): Promise<number> {
  const organisations = await trx.selectFrom('organisations').select(['id', 'slug']).where('deleted_at', 'is', null).execute()
  const idOf = new Map(organisations.map((organisation) => [organisation.slug, organisation.id]))
  let added = 0
  for (const account of demoAccounts()) {
    const organisationId = account.membership ? idOf.get(account.membership.organisationSlug) : undefined
    if (account.membership && !organisationId) continue
    const person = await trx
      .insertInto('people')
      .values({ id: randomUUID(), email: account.email, lang: account.lang, platform_role: account.platformRole })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!person) continue
    added += 1
    if (account.platformRole) {
      await recordChange(trx, null, { action: 'platform_role.granted', subjectType: 'person', subjectId: person.id, after: { platformRole: account.platformRole, reason: 'demo' } })
    }
    if (account.membership && organisationId) {
      await trx.insertInto('memberships').values({ person_id: person.id, organisation_id: organisationId, role: account.membership.role }).execute()
      await recordChange(trx, null, {
        action: 'membership.added',
        subjectType: 'membership',
        subjectId: `${organisationId}:${person.id}`,
        organisationId,
        after: { personId: person.id, role: account.membership.role, reason: 'demo' },
      })
    }
  }
  return added
}
