import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { API_KEY_PREFIX } from '../../packages/api/src/domains/accounts/authenticator.js'
import { hashToken, newSecretToken } from '../../packages/api/src/domains/accounts/secret-tokens.js'
import { freePort, startWeGovProcess } from '../lib.js'
import type { BenchContext, Row } from '../types.js'

const MB = 1024 * 1024
const FILE_BYTES = 10 * MB

/**
 * Uploads of a 10 MB PDF to POST /v1/organisations/{id}/files (PostgreSQL storage) with an API key: the time
 * of one, and the server process's peak RSS increase over its idle RSS with 1 and with 8 at once. Streaming
 * keeps the increase near a few chunks per upload; buffering would add 10 MB per upload (80 MB for 8).
 */
export async function uploads(context: BenchContext): Promise<Row[]> {
  const schema = await context.createSchema()
  const wegov = await startWeGovProcess({ DATABASE_URL: context.databaseUrl, WEGOV_DB_SCHEMA: schema, WEGOV_RATE_LIMIT: 'off', WEGOV_POW: 'off' }, await freePort())
  try {
    const { organisationId, keySecret } = await writeKey(context.databaseUrl, schema)
    const pdf = await tenMegabytePdf()
    const upload = async () => {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'rapport.pdf')
      const res = await fetch(`${wegov.url}/v1/organisations/${organisationId}/files`, { method: 'POST', headers: { authorization: `Bearer ${keySecret}` }, body: form })
      if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`)
    }
    await upload() // warm-up: the first upload loads file-type and the multipart parser
    const rss = rssOf(wegov.child.pid!)
    const peakIncrease = async (concurrent: number) => {
      await new Promise((resolve) => setTimeout(resolve, 500))
      const idle = rss()
      let peak = idle
      const sampler = setInterval(() => (peak = Math.max(peak, rss())), 10)
      const started = performance.now()
      await Promise.all(Array.from({ length: concurrent }, upload))
      const ms = performance.now() - started
      clearInterval(sampler)
      return { ms, increaseMb: (peak - idle) / MB }
    }
    const one = await peakIncrease(1)
    const eight = await peakIncrease(8)
    return [
      { id: 'upload-10mb-time', title: 'Upload of a 10 MB PDF (PostgreSQL storage), one at a time', value: Math.round(one.ms), unit: 'ms', detail: `8 at once: ${Math.round(eight.ms)} ms` },
      { id: 'upload-10mb-rss-1', title: 'Server peak RSS increase, 1 upload of 10 MB', value: Number(one.increaseMb.toFixed(1)), unit: 'MB', target: '< 10 MB (less than the file)', pass: one.increaseMb < 10 },
      { id: 'upload-10mb-rss-8', title: 'Server peak RSS increase, 8 concurrent uploads of 10 MB', value: Number(eight.increaseMb.toFixed(1)), unit: 'MB', target: '< 40 MB (buffering would be 80)', pass: eight.increaseMb < 40 },
    ]
  } finally {
    await wegov.stop()
    await context.dropSchema(schema)
  }
}

/** A real one-page PDF padded to 10 MB with a comment block (still a valid PDF to a reader of its header). */
async function tenMegabytePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create()
  doc.addPage([300, 100]).drawText('Rapport', { x: 10, y: 50, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) })
  const head = Buffer.from(await doc.save())
  return Buffer.concat([head, Buffer.alloc(FILE_BYTES - head.length, '%'.charCodeAt(0))])
}

function rssOf(pid: number): () => number {
  return () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024
}

/** A content:write key of the first organisation, written straight into the bench's schema. */
async function writeKey(databaseUrl: string, schema: string) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(`SET search_path TO ${schema}`)
    const { rows } = await client.query<{ id: string }>('SELECT id FROM organisations ORDER BY slug LIMIT 1')
    const keySecret = `${API_KEY_PREFIX}${newSecretToken()}`
    await client.query(`INSERT INTO api_keys (id, organisation_id, name, prefix, secret_hash, scopes) VALUES ($1, $2, 'bench', $3, $4, '{content:write}')`, [
      randomUUID(),
      rows[0]!.id,
      keySecret.slice(0, 12),
      hashToken(keySecret),
    ])
    return { organisationId: rows[0]!.id, keySecret }
  } finally {
    await client.end()
  }
}
