import { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { PETITION_TEST_CONFIG, addPetition, sign, signBody } from './helpers/petition-fixtures.js'
import { openTestDatabase, testConfig } from './helpers/test-app.js'

const POLL_MS = 20

/** Waits (generously: the machine may be slow) until `ready()` holds. */
async function until(what: string, ready: () => boolean | Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await ready()); waited += 20) {
    if (waited > 60_000) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

t.test('while the outbox cannot be read the worker backs off exponentially up to a cap, then resumes on its own', async (t) => {
  const database = await openTestDatabase(t)
  await createFixtureOrganisations(database.db)
  const logs: Array<{ msg: string; retryInMs?: number; failedRounds?: number }> = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line))
      callback()
    },
  })
  const app = await buildApp({ config: testConfig({ ...PETITION_TEST_CONFIG, mailPollMs: POLL_MS }), database, logger: { level: 'info', stream } })
  t.teardown(() => app.close())
  await app.ready()
  const petition = await addPetition(database.db)

  // The database answers, but every round of the worker fails (as when it is away).
  await sql`ALTER TABLE mail_outbox RENAME TO mail_outbox_away`.execute(database.db)
  const failures = () => logs.filter((entry) => entry.msg === 'mail delivery round failed')
  await until('seven failed rounds', () => failures().length >= 7)
  t.same(
    failures().slice(0, 7).map((entry) => entry.retryInMs),
    [2, 4, 8, 16, 30, 30, 30].map((polls) => polls * POLL_MS),
    'the wait doubles after each failed round, up to 30 poll intervals (never a spin)',
  )

  // The database is back: the worker picks up mail at its next retry, without a nudge or a restart.
  await sql`ALTER TABLE mail_outbox_away RENAME TO mail_outbox`.execute(database.db)
  t.equal((await sign(app, petition.id, signBody('back@example.org'))).statusCode, 202)
  await until('the message to be delivered', async () => {
    const inbox = await app.inject({ method: 'GET', url: '/dev/mailbox?to=back@example.org' })
    return inbox.json().items.length === 1
  })
  // The message lands in the mailbox a few awaits before the round ends and logs; wait for the round.
  await until('the worker to say it resumed', () => logs.some((entry) => entry.msg === 'mail delivery resumed'))
  t.ok(logs.some((entry) => entry.msg === 'mail delivery resumed'), 'the worker says it resumed')
  const failedBefore = failures().length
  await sleep(POLL_MS * 10)
  t.equal(failures().length, failedBefore, 'and no round fails any more')
})
