// Wrong-code timing, unknown address vs one that signed, in interleaved pairs (docs/ARCHITECTURE.md, Operations).
// DATABASE_URL=postgres://… node --import tsx packages/api/scripts/measure-confirm-timing.ts
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createFixtureOrganisations } from '../test/helpers/content-fixtures.js'
import { addPetition, signBody } from '../test/helpers/petition-fixtures.js'

const url = process.env.DATABASE_URL!
const schema = `wegov_timing_${randomBytes(4).toString('hex')}`
const database = await openDatabase({ url, schema, poolSize: 4 })
await migrateToLatest(database.db)
await createFixtureOrganisations(database.db)
const config = { ...loadConfig({ PORT: '0' }), publicUrl: 'http://localhost', allowedHosts: ['localhost:80'], pow: false, rateLimit: false, loadDemo: false, logLevel: 'warn', mailPollMs: 3_600_000, jobIntervalSeconds: 3600 }
const app = await buildApp({ config, database, logger: false })
await app.ready()
const petition = await addPetition(app.db)
const PAIRS = 200
for (let i = 0; i < PAIRS; i++) {
  const r = await app.inject({ method: 'POST', url: `/v1/petitions/${petition.slug}/signatures`, payload: signBody(`s${i}@example.org`) })
  if (r.statusCode !== 202) throw new Error(r.body)
}
const probe = async (email: string) => {
  const start = process.hrtime.bigint()
  const r = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { petition: petition.slug, email, code: '000000' } })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (r.statusCode !== 400) throw new Error(r.body)
  return ms
}
for (let i = 0; i < 50; i++) await probe(`warm${i}@example.org`)
const known: number[] = [], unknown: number[] = []
let knownSlower = 0
for (let i = 0; i < PAIRS; i++) {
  // Alternate which goes first, so neither always follows the other.
  let k: number, u: number
  if (i % 2) { k = await probe(`s${i}@example.org`); u = await probe(`u${i}@example.org`) }
  else { u = await probe(`u${i}@example.org`); k = await probe(`s${i}@example.org`) }
  known.push(k); unknown.push(u); if (k > u) knownSlower++
}
const q = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.floor(p * (a.length - 1))]!.toFixed(2)
console.log(JSON.stringify({ pairs: PAIRS, unknown: { p10: q(unknown, 0.1), median: q(unknown, 0.5), p90: q(unknown, 0.9) }, signed: { p10: q(known, 0.1), median: q(known, 0.5), p90: q(known, 0.9) }, signedSlowerShare: (knownSlower / PAIRS).toFixed(2) }))
await app.close(); await database.close()
const admin = new pg.Client({ connectionString: url }); await admin.connect(); await admin.query(`DROP SCHEMA ${schema} CASCADE`); await admin.end()
