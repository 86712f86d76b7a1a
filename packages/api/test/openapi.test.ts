import { readFile } from 'node:fs/promises'
import SwaggerParser from '@apidevtools/swagger-parser'
import t from 'tap'
import { OPENAPI_PATH, produceOpenApiDocument } from '../scripts/export-openapi.js'

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const

interface Operation {
  operationId?: string
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>
}

t.test('the committed openapi.json is what the routes produce now', async (t) => {
  const produced = await produceOpenApiDocument()
  const committed = await readFile(OPENAPI_PATH, 'utf8').catch(() => '')
  // A failure here means a route schema changed: run `npm run generate -w packages/sdk` and commit both files.
  t.ok(produced === committed, 'packages/api/openapi.json is up to date (npm run generate -w packages/sdk)')

  const document = JSON.parse(produced) as { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>> }
  const operationIds = new Set<string>()
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method]
      if (!operation) continue
      const name = `${method.toUpperCase()} ${path}`
      // The SDK's types are looked up by operationId: every route needs a unique one.
      t.match(operation.operationId, /^[a-z][A-Za-z]+$/, `${name} has an operationId`)
      if (operation.operationId) {
        t.notOk(operationIds.has(operation.operationId), `${name}: operationId ${operation.operationId} is unique`)
        operationIds.add(operation.operationId)
      }
      const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status))
      t.ok(success.length > 0, `${name} documents its success response`)
      for (const [status, response] of success) {
        if (status === '204') continue
        const schemas = Object.values(response.content ?? {}).map((media) => media.schema)
        t.ok(schemas.length > 0 && schemas.every(Boolean), `${name} ${status} has a response schema`)
      }
    }
  }
})

t.test('the document is valid OpenAPI, as strict tools read it', async (t) => {
  const document = JSON.parse(await produceOpenApiDocument())
  // swagger-parser checks the document against the OpenAPI 3.1 schema, then what a schema cannot say
  // (unique operationIds, path parameters declared): what code generators and gateways refuse.
  const problems = await SwaggerParser.validate(document).then(
    () => [],
    (error: Error & { details?: { instancePath: string; message: string }[] }) =>
      error.details?.map((d) => `${d.instancePath} ${d.message}`) ?? [error.message],
  )
  t.same(problems, [], 'swagger-parser finds no error')
  t.equal(document.info.license.identifier, 'AGPL-3.0-or-later', 'the licence is named by its SPDX identifier')
})
