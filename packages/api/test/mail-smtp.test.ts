import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { SMTPServer } from 'smtp-server'
import t from 'tap'
import { deliverPendingMail } from '../src/mail/mail-plugin.js'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { PETITION_TEST_CONFIG, addPetition, countOf, sign, signBody, writtenRows } from './helpers/petition-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

interface Received {
  to: string[]
  raw: string
}

/** A real SMTP server on loopback, port 0. `refuse` makes it answer the next recipients with an error code. */
const received: Received[] = []
const refuse: number[] = []
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  closeTimeout: 1000,
  onRcptTo(_address, _session, callback) {
    const code = refuse.shift()
    if (code === undefined) return callback()
    callback(Object.assign(new Error(code >= 500 ? 'No such mailbox' : 'Try again later'), { responseCode: code }))
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString('utf8') })
      callback()
    })
  },
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
const smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`

const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)

/** The decoded text of each MIME part of a message (base64 and quoted-printable), by content type. */
function parts(raw: string): Record<string, string> {
  const found: Record<string, string> = {}
  for (const chunk of raw.split(/\r?\n--[^\r\n]+/)) {
    const [head = '', ...rest] = chunk.split(/\r?\n\r?\n/)
    const type = /content-type:\s*([^;\r\n]+)/i.exec(head)?.[1]?.toLowerCase()
    if (!type || type.startsWith('multipart/')) continue
    const body = rest.join('\n\n')
    const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase()
    found[type] =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
          : body
  }
  return found
}

function subjectOf(raw: string): string {
  const header = /^subject:((?:.*)(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1] ?? ''
  return header
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
      kind.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    )
    .trim()
}

t.test('confirmation emails go out over real SMTP, in Arabic right to left, and the code in them confirms', async (t) => {
  const app = await buildTestApp(t, { database, config: { ...PETITION_TEST_CONFIG, smtpUrl, mailFrom: 'WeGov <petitions@wegov.example>' } })
  t.equal(app.mail.transport, 'smtp')
  t.equal((await app.inject({ method: 'GET', url: '/dev/mailbox?to=x@example.org' })).statusCode, 404, 'no development mailbox with SMTP')
  const petition = await addPetition(app.db, { title: { ar: 'حدائق عمومية', fr: 'Des jardins publics' }, originalLang: 'ar' })

  const before = received.length
  t.equal((await sign(app, petition.id, signBody('layla@example.org', { firstName: 'ليلى', locale: 'ar' }))).statusCode, 202)
  for (let attempt = 0; attempt < 50 && received.length === before; attempt++) await deliverPendingMail(app)
  t.equal(received.length, before + 1, 'one message reached the SMTP server')
  const message = received.at(-1)!
  t.same(message.to, ['layla@example.org'])
  t.match(message.raw, /^From: WeGov <petitions@wegov\.example>/m)
  t.equal(subjectOf(message.raw), 'أكّد توقيعك: حدائق عمومية')
  const { 'text/plain': text = '', 'text/html': html = '' } = parts(message.raw)
  t.match(html, /<html lang="ar" dir="rtl">/)
  t.match(html, /مرحبًا ليلى،/)
  const code = /(\d{6})/.exec(text)?.[1]
  t.ok(code, 'the text part carries the 6-digit code')
  t.equal((await writtenRows(app.db, petition.id)).outbox, 0, 'a delivered message leaves the outbox (with the address it held)')

  const confirmed = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { petition: petition.id, email: 'layla@example.org', code } })
  t.equal(confirmed.statusCode, 200)
  t.equal(await countOf(app, petition.id), 1)
})

t.test('a temporary SMTP refusal is retried later with backoff; a permanent one is given up', async (t) => {
  const app = await buildTestApp(t, { database, config: { ...PETITION_TEST_CONFIG, smtpUrl } })
  const petition = await addPetition(app.db)
  const outbox = () =>
    app.db
      .selectFrom('mail_outbox')
      .select(['attempts', 'last_error', 'failed_at', 'next_attempt_at', 'locked_until'])
      .where('recipient', 'in', ['later@example.org', 'never@example.org'])
      .orderBy('recipient')
      .execute()

  refuse.push(451)
  const before = received.length
  await sign(app, petition.id, signBody('later@example.org'))
  const triedAt = Date.now()
  await deliverPendingMail(app)
  await deliverPendingMail(app)
  let [row] = await outbox()
  t.equal(received.length, before, 'nothing delivered yet')
  t.equal(row!.attempts, 1, 'tried once')
  t.equal(row!.failed_at, null, 'not given up')
  t.equal(row!.locked_until, null, 'released for the next attempt')
  // Measured from the attempt, not from now: on a loaded machine seconds may pass before this line.
  t.ok(row!.next_attempt_at.getTime() >= triedAt + 4_000, 'the next attempt waits (exponential backoff: 5 s ± 20% after the first)')
  t.match(row!.last_error, /Try again later/)

  // Time passes: the message is due again and goes through.
  await app.db.updateTable('mail_outbox').set({ next_attempt_at: new Date(Date.now() - 1000) }).where('recipient', '=', 'later@example.org').execute()
  t.equal(await deliverPendingMail(app), 1)
  t.same(received.at(-1)!.to, ['later@example.org'])
  t.same(await outbox(), [])

  refuse.push(550)
  await sign(app, petition.id, signBody('never@example.org'))
  await deliverPendingMail(app)
  ;[row] = await outbox()
  t.equal(row!.attempts, 1)
  t.ok(row!.failed_at, 'a permanent refusal is not retried')
  await app.db.updateTable('mail_outbox').set({ next_attempt_at: new Date(Date.now() - 1000) }).where('recipient', '=', 'never@example.org').execute()
  t.equal(await deliverPendingMail(app), 0)
  t.equal(received.filter((message) => message.to.includes('never@example.org')).length, 0)
})

t.test('several instances drain one outbox without sending any message twice', async (t) => {
  // Started one after another: each plugin has 10 s to start, and three apps starting at once on a loaded
  // machine shared that time (a start-up timeout, not what this test is about).
  const apps: FastifyInstance[] = []
  for (let i = 0; i < 3; i++) apps.push(await buildTestApp(t, { database, config: { ...PETITION_TEST_CONFIG, smtpUrl } }))
  const petition = await addPetition(apps[0]!.db)
  const addresses = Array.from({ length: 30 }, (_, i) => `many-${i}@example.org`)
  await Promise.all(addresses.map((email, i) => sign(apps[i % 3]!, petition.id, signBody(email))))
  for (let round = 0; round < 20; round++) {
    await Promise.all(apps.map((app) => deliverPendingMail(app)))
    if ((await writtenRows(apps[0]!.db, petition.id)).outbox === 0) break
  }
  const deliveries = received.flatMap((message) => message.to).filter((to) => to.startsWith('many-'))
  t.equal(deliveries.length, 30)
  t.equal(new Set(deliveries).size, 30, 'each address received exactly one message')
})

t.test('in production without SMTP there is no development mailbox', async (t) => {
  const app = await buildTestApp(t, { database, config: { ...PETITION_TEST_CONFIG, pow: true, rateLimit: true, production: true } })
  t.equal(app.mail.transport, 'none', 'mail waits in the outbox: a real address is never written to a development mailbox')
  t.equal((await app.inject({ method: 'GET', url: '/dev/mailbox?to=x@example.org' })).statusCode, 404)
})
