import type { Kysely } from 'kysely'
import type { PlatformRole } from '../../db/account-tables.js'
import type { DB } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { recordChange } from '../changes/change-log.js'
import type { Requester } from '../changes/change-log.js'

/**
 * People as WeGov's admins see them, to grant platform roles. WeGov always keeps an admin: taking the role
 * from the last one is refused (409 WEGOV_LAST_ADMIN), with the admins' rows locked so that two admins
 * cannot demote each other at the same moment.
 */

const SEARCH_LIMIT = 20

/** People whose address is `email` or starts with it (case-insensitive), exact match first. */
export async function findPeople(db: Kysely<DB>, email: string) {
  const wanted = email.normalize('NFKC').trim().toLowerCase()
  if (wanted === '') return []
  const prefix = `${wanted.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
  const rows = await db
    .selectFrom('people')
    .select(['id', 'email', 'name', 'platform_role'])
    .where('email', 'like', prefix)
    .orderBy((eb) => eb.case().when('email', '=', wanted).then(0).else(1).end())
    .orderBy('email')
    .limit(SEARCH_LIMIT)
    .execute()
  return rows.map(presentPerson)
}

export async function setPlatformRole(db: Kysely<DB>, who: Requester, personId: string, role: PlatformRole | null) {
  return db.transaction().execute(async (trx) => {
    const admins = await trx.selectFrom('people').select('id').where('platform_role', '=', 'admin').orderBy('id').forUpdate().execute()
    const person = await trx.selectFrom('people').select(['id', 'email', 'name', 'platform_role']).where('id', '=', personId).forUpdate().executeTakeFirst()
    if (!person) throw new WeGovError('WEGOV_NOT_FOUND')
    if (person.platform_role === role) return presentPerson(person)
    if (person.platform_role === 'admin' && admins.length <= 1) throw new WeGovError('WEGOV_LAST_ADMIN')
    const updated = await trx
      .updateTable('people')
      .set({ platform_role: role })
      .where('id', '=', personId)
      .returning(['id', 'email', 'name', 'platform_role'])
      .executeTakeFirstOrThrow()
    await recordChange(trx, who, {
      action: role === null ? 'platform_role.revoked' : 'platform_role.granted',
      subjectType: 'person',
      subjectId: personId,
      before: { platformRole: person.platform_role },
      after: { platformRole: role },
    })
    return presentPerson(updated)
  })
}

function presentPerson(row: { id: string; email: string; name: string; platform_role: PlatformRole | null }) {
  return { id: row.id, email: row.email, name: row.name, platformRole: row.platform_role }
}
