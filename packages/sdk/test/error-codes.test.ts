import { readFile } from 'node:fs/promises'
import t from 'tap'
import { ERRORS } from '../../api/src/errors.js'
import { type ApiErrorCode, createClient, type ErrorCode, NotFoundError, ValidationError, WeGovError } from '../src/index.js'
import { OPENAPI_PATH } from '../scripts/generate.js'
import { problem, sendJson, startApi, startScriptedServer } from './helpers/servers.js'

/*
 * The error codes are a published union type. Half of this file is checked by the compiler, not by tap:
 * `npm run typecheck` fails if a `@ts-expect-error` below stops finding an error, i.e. if ErrorCode ever
 * widens to `string` and a misspelt code compiles again.
 */

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
// The generated union is exactly the API's catalogue: no code missing, none invented.
const catalogueIsTheUnion: Equal<ApiErrorCode, keyof typeof ERRORS> = true

/** What a caller writes: a switch the compiler checks, with a default for codes newer than this SDK. */
function advice(error: WeGovError): string {
  switch (error.code) {
    case 'WEGOV_NOT_FOUND':
    case 'WEGOV_GONE':
      return 'missing'
    case 'WEGOV_BAD_CURSOR':
      return 'start over'
    case 'WEGOV_TIMEOUT':
    case 'WEGOV_NETWORK':
      return 'offline'
    case 'WEGOV_HTTP_502':
      return 'gateway'
    // @ts-expect-error a misspelt code is not an ErrorCode
    case 'WEGOV_NOT_FOUNDD':
      return 'never'
    default:
      return `other: ${error.code}`
  }
}

t.test('the union is closed: wrong codes are type errors, right ones are not', async (t) => {
  t.equal(catalogueIsTheUnion, true)
  const error = new NotFoundError({ status: 404, code: 'WEGOV_NOT_FOUND' })
  // @ts-expect-error comparing with a code that does not exist
  t.equal(error.code === 'WEGOV_NO_SUCH_CODE', false)
  // @ts-expect-error constructing an error with an unknown code
  t.ok(new WeGovError({ status: 400, code: 'WEGOV_TYPO' }))
  const codes: ErrorCode[] = ['WEGOV_VALIDATION', 'WEGOV_ABORTED', 'WEGOV_CHALLENGE_UNSOLVED', 'WEGOV_HTTP_418']
  t.equal(codes.length, 4)
  // Comparisons as strings keep working: a code is a string.
  t.ok(error.code.startsWith('WEGOV_'))
  const asString: string = error.code
  t.equal(asString, 'WEGOV_NOT_FOUND')
})

t.test('the OpenAPI document lists every code of the catalogue', async (t) => {
  const document = JSON.parse(await readFile(OPENAPI_PATH, 'utf8')) as {
    components: { schemas: { Problem: { properties: { code: { enum: string[] } } } } }
  }
  t.same(document.components.schemas.Problem.properties.code.enum, Object.keys(ERRORS).sort())
})

t.test('a caller switches on the codes the real API answers with', async (t) => {
  const { baseUrl } = await startApi(t)
  const wegov = createClient({ baseUrl, lang: 'en' })
  const missing = (await wegov.organisations.get('no-such-organisation').catch((e: unknown) => e)) as WeGovError
  t.ok(missing instanceof NotFoundError)
  t.equal(advice(missing), 'missing')
  const badCursor = (await wegov.projects.list({ cursor: 'bm90LWEtY3Vyc29y' }).catch((e: unknown) => e)) as WeGovError
  t.ok(badCursor instanceof ValidationError)
  t.equal(advice(badCursor), 'start over')
})

t.test('a code newer than this SDK is kept as sent and reaches the default branch', async (t) => {
  const server = await startScriptedServer(t, (request, response) => {
    if (request.url.startsWith('/v1/projects')) return sendJson(response, 422, problem(422, 'WEGOV_FROM_THE_FUTURE'))
    response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>')
  })
  const wegov = createClient({ baseUrl: server.url, retries: 0 })
  const future = (await wegov.projects.list().catch((e: unknown) => e)) as WeGovError
  t.ok(future instanceof ValidationError)
  t.equal(future.code, 'WEGOV_FROM_THE_FUTURE' as string)
  t.equal(advice(future), 'other: WEGOV_FROM_THE_FUTURE')
  const gateway = (await wegov.vocabularies.get().catch((e: unknown) => e)) as WeGovError
  t.equal(advice(gateway), 'gateway')
})
