import Fastify from 'fastify'
import t from 'tap'
import { signedInTree } from '../src/domains/accounts/signed-in-tree.js'
import { buildTestApp } from './helpers/test-app.js'

/** Signed-in route trees: nobody anonymous gets in, and no route in one can be open by omission. */

t.test('a route without a permission in a signed-in tree stops the app from starting', async (t) => {
  const app = Fastify()
  await t.rejects(async () => {
    await app.register(async (tree) => {
      signedInTree(tree)
      tree.get('/forgotten', async () => 'open to all')
    })
    await app.ready()
  }, /GET \/forgotten: a route in a signed-in tree names its permission/)
})

t.test('every route of the signed-in trees answers 401 to nobody, before reading its body', async (t) => {
  const app = await buildTestApp(t, { portal: false })
  await app.ready()
  const spec = app.swagger() as { paths: Record<string, Record<string, { description?: string }>> }
  const protectedOperations = Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => operation.description?.includes('Permission: `'))
      .map(([method, _operation]) => ({ method: method.toUpperCase(), path })),
  )
  t.ok(protectedOperations.length > 30, `${protectedOperations.length} protected operations`)
  const uuid = '00000000-0000-4000-8000-000000000000'
  for (const { method, path } of protectedOperations) {
    const url = `/v1${path.replace(/^\/v1/, '')}`.replace(/\{[^}]+\}/g, uuid)
    // A body that is not even JSON: refused for who is asking, not for what is sent.
    const res = await app.inject({ method: method as 'GET', url, headers: { 'content-type': 'application/json' }, payload: method === 'GET' || method === 'DELETE' ? undefined : '{not json' })
    t.equal(res.statusCode, 401, `${method} ${path}`)
    t.equal(res.json().code, 'WEGOV_UNAUTHENTICATED', `${method} ${path}: code`)
  }
})
