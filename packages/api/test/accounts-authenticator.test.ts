import { randomUUID } from 'node:crypto'
import type { KyselyPlugin } from 'kysely'
import t from 'tap'
import { Authenticator } from '../src/domains/accounts/authenticator.js'
import { hashToken } from '../src/domains/accounts/secret-tokens.js'
import { ORGANISATIONS, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { DIALECT, openTestDatabase } from './helpers/test-app.js'

/**
 * The authenticator keeps what a credential resolved to for a few seconds, and forgets it when told (the
 * revoking request, then every instance's NOTIFY). A lookup that read the key just before a revocation
 * and returns just after it was forgotten must not put the revoked key back for those seconds.
 */
t.test('a key looked up while it was being revoked is not kept: the next request is refused', { skip: DIALECT === 'pglite' && 'PGlite has one connection: the held lookup keeps it, so no revocation could commit meanwhile' }, async (t) => {
  const { db } = await openTestDatabase(t)
  await createFixtureOrganisations(db)
  const organisation = await db.selectFrom('organisations').select('id').where('slug', '=', ORGANISATIONS.ngo).executeTakeFirstOrThrow()
  const id = randomUUID()
  const secret = `wgk_${randomUUID().replaceAll('-', '')}`
  await db.insertInto('api_keys').values({ id, organisation_id: organisation.id, name: 'cms', prefix: secret.slice(0, 12), secret_hash: hashToken(secret), scopes: ['content:write'] }).execute()

  // Holds the lookup's answer after PostgreSQL gave it: the revocation commits and is forgotten meanwhile.
  let read!: () => void
  const keyRead = new Promise<void>((resolve) => (read = resolve))
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  const holdAnswers: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      read()
      await released
      return args.result
    },
  }
  // Keys only: no session, so no membership is looked up.
  const authenticator = new Authenticator(db.withPlugin(holdAnswers), { idleMinutes: 60, maxMinutes: 600 }, async () => [])

  const lookup = authenticator.apiKey(secret)
  await keyRead
  await db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', id).execute()
  authenticator.forget(id)
  release()
  t.match(await lookup, { kind: 'key', keyId: id }, 'the request that raced the revocation went through with what it read')
  t.equal(await authenticator.apiKey(secret), null, 'the next one asks the database again, and is refused')
})
