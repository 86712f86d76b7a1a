import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { SMTPServer } from 'smtp-server'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { PETITION_TEST_CONFIG, addPetition, sign, signBody, writtenRows } from './helpers/petition-fixtures.js'
import { openTestDatabase, testConfig } from './helpers/test-app.js'

/**
 * An SMTP server that takes SMTP_DELAY_MS to accept each message, against a lease shorter than one claim
 * of messages takes to send: the case where a fixed lease over a big claim sent most messages twice.
 * The worker renews a lease every third of it, so a stall of the test process (or a slow renewal) of up
 * to two thirds of LEASE_MS is tolerated: 3 s, which a loaded CI machine does not reach.
 */
const SMTP_DELAY_MS = 1200
const LEASE_MS = 4500
const SIGNERS = 30

const received: string[] = []
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  closeTimeout: 1000,
  onData(stream, session, callback) {
    stream.resume()
    stream.on('end', () => {
      setTimeout(() => {
        received.push(...session.envelope.rcptTo.map((rcpt) => rcpt.address))
        callback()
      }, SMTP_DELAY_MS)
    })
  },
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
const smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`

t.test('two instances and a slow SMTP server: every signer gets exactly one email', async (t) => {
  const database = await openTestDatabase(t)
  await createFixtureOrganisations(database.db)
  const config = testConfig({ ...PETITION_TEST_CONFIG, smtpUrl, mailPollMs: 50, mailLeaseMs: LEASE_MS })
  const apps = [await buildApp({ config, database, logger: false }), await buildApp({ config, database, logger: false })]
  let closed = false
  const closeApps = async () => {
    if (closed) return
    closed = true
    await Promise.all(apps.map((app) => app.close()))
  }
  t.teardown(closeApps)
  await Promise.all(apps.map((app) => app.ready()))

  const petition = await addPetition(database.db)
  const addresses = Array.from({ length: SIGNERS }, (_, i) => `slow-${i}@example.org`)
  for (const [i, email] of addresses.entries()) t.equal((await sign(apps[i % 2]!, petition.id, signBody(email))).statusCode, 202)

  // Both workers poll the one outbox; wait (generously) until it is empty.
  for (let waited = 0; (await writtenRows(database.db, petition.id)).outbox > 0; waited += 100) {
    if (waited > 120_000) throw new Error('the outbox never drained')
    await sleep(100)
  }
  // Closing waits for what either worker is still sending, so a late duplicate would be counted too.
  await closeApps()

  t.equal(received.length, SIGNERS, 'one message per signer, none twice')
  t.same([...new Set(received)].sort(), [...addresses].sort(), 'every signer got one')
})
