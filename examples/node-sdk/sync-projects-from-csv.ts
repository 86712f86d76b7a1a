/**
 * Syncs projects from a CSV file to WeGov with an organisation's API key (scopes content:write and drafts:read):
 *   WEGOV_API_URL=http://localhost:3000 WEGOV_API_KEY=wgk_… node --import tsx examples/node-sdk/sync-projects-from-csv.ts [file.csv]
 * Run it as often as you like: a second run with the same file changes nothing (see csv-sync.ts).
 */
import { readFile } from 'node:fs/promises'
import { createClient, WeGovError } from '@wegov/sdk'
import { syncProjects } from './csv-sync.js'

const apiKey = process.env.WEGOV_API_KEY
if (!apiKey) {
  console.error('Set WEGOV_API_KEY to an API key of your organisation (console → API keys).')
  process.exit(1)
}
const wegov = createClient({ baseUrl: process.env.WEGOV_API_URL ?? 'http://localhost:3000', apiKey })
const file = process.argv[2] ?? new URL('./projects.csv', import.meta.url)

try {
  const report = await syncProjects(wegov, await readFile(file, 'utf8'))
  console.log(`created ${report.created.length}, updated ${report.updated.length}, unchanged ${report.unchanged.length}`)
} catch (error) {
  if (!(error instanceof WeGovError)) throw error
  console.error(`${error.code}: ${error.detail}`)
  for (const fault of error.errors ?? []) console.error(`  ${fault.field}: ${fault.message}`)
  process.exitCode = 1
}
