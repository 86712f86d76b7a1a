import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { openDatabase } from '../../packages/api/src/db/database.js'
import { migrateToLatest } from '../../packages/api/src/db/migrate.js'
import type { DB } from '../../packages/api/src/db/schema.js'
import { loadDemoContent } from '../../packages/api/src/demo/load-demo.js'
import { benchServerEnv, freePort, startWeGovProcess } from '../lib.js'
import type { BenchContext, Row } from '../types.js'

const RECORDS = 100_000
/** WEGOV_OAI_PAGE_SIZE's default: the harvest below asks for every page a harvester would. */
const PAGE = 200

/**
 * A full OAI-PMH harvest (ListRecords, oai_dc, following every resumption token) of 100,000 records: the
 * demo's published resources copied until there are that many. The baseline, measured in the same run, is
 * the same keyset walk over the same rows straight from PostgreSQL (the columns a record is made of, no
 * HTTP, no XML): the ratio is what the protocol, the texts in three languages and the XML cost on top.
 */
export async function oai(context: BenchContext): Promise<Row[]> {
  const schema = await context.createSchema()
  try {
    const database = await openDatabase({ url: context.databaseUrl, schema, poolSize: 4 })
    await migrateToLatest(database.db)
    await loadDemoContent(database.db)
    await copyResources(database.db, RECORDS)
    const wegov = await startWeGovProcess(
      benchServerEnv(context.databaseUrl, schema),
      await freePort(),
    )
    try {
      const raw = await rawKeysetWalk(context.databaseUrl, schema)
      const harvest = await harvestAll(wegov.url)
      if (harvest.records !== raw.records) throw new Error(`the harvest gave ${harvest.records} records, the table holds ${raw.records}`)
      const rate = harvest.records / harvest.seconds
      const rawRate = raw.records / raw.seconds
      return [
        { id: 'oai-raw-keyset', title: `Keyset walk of the same ${RECORDS.toLocaleString('en')} rows in PostgreSQL, ${PAGE} a page (baseline)`, value: Math.round(rawRate), unit: 'records/s' },
        {
          id: 'oai-harvest',
          title: `OAI-PMH harvest of ${RECORDS.toLocaleString('en')} records (ListRecords, oai_dc, every resumption token)`,
          value: Math.round(rate),
          unit: 'records/s',
          ratio: Math.round((rate / rawRate) * 100) / 100,
          baseline: 'oai-raw-keyset',
          detail: `${harvest.pages} pages in ${harvest.seconds.toFixed(1)} s, ${(harvest.bytes / 1024 / 1024).toFixed(0)} MB of XML`,
        },
      ]
    } finally {
      await wegov.stop()
      await database.close()
    }
  } finally {
    await context.dropSchema(schema)
  }
}

/** Copies the demo's published resources (new ids, slugs and distinct update times) until `total` are published. */
async function copyResources(db: Kysely<DB>, total: number): Promise<void> {
  const { count } = await db.selectFrom('resources').select((eb) => eb.fn.countAll<number>().as('count')).where('state', '=', 'published').executeTakeFirstOrThrow()
  const missing = total - Number(count)
  await sql`
    INSERT INTO resources (id, owner_organisation_id, created_at, updated_at, state, version, first_published_at, slug, collection, kind,
      title, summary, body, original_lang, languages, url, countries, themes, publisher_organisation_id, published_on, licence, search)
    SELECT gen_random_uuid(), owner_organisation_id, created_at, now() - (n * interval '1 second'), state, version, first_published_at,
      slug || '-copy-' || n, collection, kind, title, summary, body, original_lang, languages, url, countries, themes,
      publisher_organisation_id, published_on, licence, search
    FROM (
      SELECT r.*, row_number() OVER () AS n
      FROM resources r CROSS JOIN generate_series(1, ${Math.ceil(missing / Math.max(1, Number(count)))}) AS copies
      WHERE r.state = 'published'
      LIMIT ${missing}
    ) AS source`.execute(db)
  await sql`ANALYZE resources`.execute(db)
}

async function rawKeysetWalk(databaseUrl: string, schema: string): Promise<{ records: number; seconds: number }> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(`SET search_path TO ${schema}`)
    const started = performance.now()
    let records = 0
    // The position as text: a JS Date would cut updated_at's microseconds, and each page would read its last row again.
    let after: [string, string] | null = null
    for (;;) {
      const page: pg.QueryResult<{ id: string; position: string }> = await client.query(
        `SELECT id, updated_at::text AS position, slug, collection, kind, title, summary, themes, countries, languages, licence, publisher_organisation_id
         FROM resources WHERE (state = 'published' OR first_published_at IS NOT NULL) ${after ? 'AND (updated_at, id) > ($2::timestamptz, $3::uuid)' : ''}
         ORDER BY updated_at, id LIMIT $1`,
        after ? [PAGE, after[0], after[1]] : [PAGE],
      )
      records += page.rows.length
      if (page.rows.length < PAGE) break
      const last = page.rows.at(-1)!
      after = [last.position, last.id]
    }
    return { records, seconds: (performance.now() - started) / 1000 }
  } finally {
    await client.end()
  }
}

async function harvestAll(url: string): Promise<{ records: number; pages: number; bytes: number; seconds: number }> {
  const started = performance.now()
  let records = 0
  let pages = 0
  let bytes = 0
  let next: string | null = `${url}/oai?verb=ListRecords&metadataPrefix=oai_dc`
  while (next) {
    const response: Response = await fetch(next)
    const xml: string = await response.text()
    if (response.status !== 200 || xml.includes('<error ')) throw new Error(`the harvest stopped at page ${pages + 1}: ${response.status} ${xml.slice(0, 300)}`)
    pages++
    bytes += xml.length
    records += xml.split('<record>').length - 1
    const token: string | undefined = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(xml)?.[1]
    next = token ? `${url}/oai?verb=ListRecords&resumptionToken=${encodeURIComponent(token.replaceAll('&amp;', '&'))}` : null
  }
  return { records, pages, bytes, seconds: (performance.now() - started) / 1000 }
}
