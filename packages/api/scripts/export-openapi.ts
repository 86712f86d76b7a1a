import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'

/** Where the committed document lives; the SDK generates its types from it. */
export const OPENAPI_PATH = fileURLToPath(new URL('../openapi.json', import.meta.url))

/**
 * The OpenAPI document exactly as the app serves it at /openapi.json, built in-process on a throwaway
 * database (no demo content, no listening), as pretty JSON with every object's keys sorted: the text then
 * depends only on the route schemas, not on the order plugins were registered in.
 */
export async function produceOpenApiDocument(): Promise<string> {
  const database = await openDatabase({ url: 'memory://' })
  try {
    await migrateToLatest(database.db)
    const config = { ...loadConfig({}), loadDemo: false, logLevel: 'silent' }
    const app = await buildApp({ config, database, logger: false })
    try {
      await app.ready()
      return `${JSON.stringify(sortKeys(app.swagger()), null, 2)}\n`
    } finally {
      await app.close()
    }
  } finally {
    await database.close()
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  )
}

const isEntryPoint = import.meta.url === `file://${process.argv[1]}`
if (isEntryPoint) {
  await writeFile(OPENAPI_PATH, await produceOpenApiDocument())
  console.log(`Wrote ${OPENAPI_PATH}`)
}
