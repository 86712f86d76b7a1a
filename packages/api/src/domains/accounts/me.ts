import { Type } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import type { DB, Lang } from '../../db/schema.js'
import { LangSchema, LocalizedTextSchema, Nullable } from '../../http/schemas.js'
import { type LocalizedText, localize } from '../../i18n/languages.js'
import type { OrganisationsService } from '../organisations/organisations-plugin.js'

export const MyMembershipSchema = Type.Object(
  {
    organisation: Type.Object({ id: Type.String({ format: 'uuid' }), slug: Type.String(), name: Type.Ref(LocalizedTextSchema) }),
    role: Type.Union([Type.Literal('owner'), Type.Literal('editor')]),
  },
  { $id: 'MyMembership' },
)

export const MeSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String({ description: 'The address this person signs in with.' }),
    name: Type.String({ description: 'How they want to be named; empty until they say.' }),
    lang: LangSchema,
    platformRole: Nullable(Type.Union([Type.Literal('admin'), Type.Literal('moderator')])),
    memberships: Type.Array(Type.Ref(MyMembershipSchema)),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Me', description: 'The signed-in person: their account, platform role and organisations.' },
)

export interface Me {
  id: string
  email: string
  name: string
  lang: Lang
  platformRole: 'admin' | 'moderator' | null
  memberships: { organisation: { id: string; slug: string; name: LocalizedText }; role: 'owner' | 'editor' }[]
  createdAt: string
}

/** A person's account as GET /v1/me answers it, organisation names in `lang`. Undefined if they are gone. */
export async function loadMe(
  db: Kysely<DB>,
  organisations: Pick<OrganisationsService, 'liveMembershipsOf'>,
  personId: string,
  lang: Lang,
): Promise<Me | undefined> {
  const person = await db.selectFrom('people').select(['id', 'email', 'name', 'lang', 'platform_role', 'created_at']).where('id', '=', personId).executeTakeFirst()
  if (!person) return undefined
  const memberships = await organisations.liveMembershipsOf(personId)
  return {
    id: person.id,
    email: person.email,
    name: person.name,
    lang: person.lang,
    platformRole: person.platform_role,
    memberships: memberships.map((m) => ({
      organisation: { id: m.id, slug: m.slug, name: localize(m.name, lang, m.original_lang) ?? { text: m.slug, lang: m.original_lang, dir: m.original_lang === 'ar' ? 'rtl' : 'ltr', fallback: true } },
      role: m.role,
    })),
    createdAt: person.created_at.toISOString(),
  }
}
