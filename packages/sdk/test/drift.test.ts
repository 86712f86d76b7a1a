import { readFile } from 'node:fs/promises'
import t from 'tap'
import { produceOpenApiDocument } from '../../api/scripts/export-openapi.js'
import { generateTypes, TYPES_PATH } from '../scripts/generate.js'

t.test('the committed SDK types are generated from the document the API produces now', async (t) => {
  const expected = await generateTypes(await produceOpenApiDocument())
  const committed = await readFile(TYPES_PATH, 'utf8')
  // On failure: `npm run generate -w packages/sdk`, then fix whatever no longer type-checks, and commit.
  t.ok(committed === expected, 'src/generated/openapi.ts is up to date (npm run generate -w packages/sdk)')
})
