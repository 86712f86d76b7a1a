import t from 'tap'
import { buildTestApp } from './helpers/test-app.js'

/**
 * More than any write route's limit, with WEGOV_SIGN_IP_REFUSE_AT at 1: the fixed `write` limit is 60, the
 * publishing API's `contentWrite` 120 per actor (here, an anonymous caller's address).
 */
const ENOUGH = 130

t.test('every write route is rate limited, and answers WEGOV_RATE_LIMITED problem+json with Retry-After', async (t) => {
  const app = await buildTestApp(t, { config: { pow: false, signIpRefuseAt: 1 } })
  const writes = ['POST', 'PUT', 'PATCH', 'DELETE'].flatMap((method) => routePaths(app.printRoutes({ method, commonPrefix: false })).map((path) => ({ method, path })))
  t.ok(writes.some(({ path }) => path.endsWith('/signatures')), 'found the signing route among the write routes')

  for (const { method, path } of writes) {
    const url = path.replace(/:\w+/g, 'no-such-thing')
    let response
    for (let i = 0; i < ENOUGH; i++) {
      response = await app.inject({ method: method as 'POST', url, remoteAddress: '198.51.100.20', payload: {} })
      if (response.statusCode === 429) break
    }
    t.equal(response?.statusCode, 429, `${method} ${path} is rate limited`)
    t.equal(response?.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.equal(response?.json().code, 'WEGOV_RATE_LIMITED')
    t.ok(Number(response?.headers['retry-after']) >= 1, 'with Retry-After')
  }
})

/**
 * The full paths of a printRoutes() tree. A route under another route's path (POST /v1/me/passkeys/options
 * under POST /v1/me/passkeys) is printed as a child with only its own segment, so the ancestors are joined back.
 */
function routePaths(tree: string): string[] {
  const ancestors: string[] = []
  const paths: string[] = []
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\/\S*) \(/.exec(line)
    if (!match) continue
    ancestors.length = match[1]!.length / 4
    ancestors.push(match[2]!)
    paths.push(ancestors.join(''))
  }
  return paths
}
