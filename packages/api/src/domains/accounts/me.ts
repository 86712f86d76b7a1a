import { type Static, Type } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { LangSchema, Nullable } from '../../http/schemas.js'

/**
 * The signed-in person, as a sign-in answers it. The sign-in work (GET /v1/me) owns the full shape
 * (memberships, createdAt); this is its first part, so that a passkey sign-in answers the same thing.
 */
export const MeSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String({ description: 'The verified address this person signs in with.' }),
    name: Type.String(),
    lang: LangSchema,
    platformRole: Nullable(Type.Union([Type.Literal('admin'), Type.Literal('moderator')])),
  },
  { $id: 'Me', description: 'The signed-in person.' },
)
export type Me = Static<typeof MeSchema>

export async function loadMe(db: Kysely<DB>, personId: string): Promise<Me> {
  const person = await db.selectFrom('people').select(['id', 'email', 'name', 'lang', 'platform_role']).where('id', '=', personId).executeTakeFirstOrThrow()
  return { id: person.id, email: person.email, name: person.name, lang: person.lang, platformRole: person.platform_role }
}
