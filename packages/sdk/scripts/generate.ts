import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript'

/** The document the API commits (packages/api/openapi.json) and the types the SDK commits from it. */
export const OPENAPI_PATH = fileURLToPath(new URL('../../api/openapi.json', import.meta.url))
export const TYPES_PATH = fileURLToPath(new URL('../src/generated/openapi.ts', import.meta.url))

/** The TypeScript types of an OpenAPI document (the text of openapi.json), as the committed file holds them. */
export async function generateTypes(openapiJson: string): Promise<string> {
  // defaultNonNullable off: a body field with a default (consents.newsFromPartner) stays optional for the caller.
  const ast = await openapiTS(JSON.parse(openapiJson), { silent: true, defaultNonNullable: false })
  return `${COMMENT_HEADER.replace(' */', ' * Run `npm run generate -w packages/sdk` after changing a route schema.\n */')}${astToString(ast)}`
}

const isEntryPoint = import.meta.url === `file://${process.argv[1]}`
if (isEntryPoint) {
  await writeFile(TYPES_PATH, await generateTypes(await readFile(OPENAPI_PATH, 'utf8')))
  console.log(`Wrote ${TYPES_PATH}`)
}
