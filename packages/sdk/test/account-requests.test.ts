import t from 'tap'
import { createClient } from '../src/index.js'
import { sendJson, startScriptedServer } from './helpers/servers.js'

/*
 * What the account operations put on the wire, where a browser's behaviour matters and the real API
 * cannot show it: the credentials mode handed to fetch, and the shape of writes. What they do is tested
 * against the real API in accounts.test.ts.
 */

t.test('the session cookie is sent only by a client made with credentials: include', async (t) => {
  const server = await startScriptedServer(t, (_request, response) => sendJson(response, 200, {}))
  const modes: (RequestCredentials | undefined)[] = []
  const recording: typeof fetch = (input, init) => {
    modes.push(init?.credentials)
    return fetch(input, init)
  }
  await createClient({ baseUrl: server.url, fetch: recording }).me.get()
  await createClient({ baseUrl: server.url, fetch: recording, credentials: 'include' }).me.get()
  await createClient({ baseUrl: server.url, fetch: recording, credentials: 'include' }).auth.signOut()
  t.same(modes, ['omit', 'include', 'include'])
})

t.test('writes: JSON bodies, the reader’s language as Accept-Language, DELETE without a body, 204 as undefined', async (t) => {
  const server = await startScriptedServer(t, (request, response) => {
    if (request.method === 'DELETE' || request.url === '/v1/auth/sign-out') return void response.writeHead(204).end()
    sendJson(response, 200, { ok: true })
  })
  const wegov = createClient({ baseUrl: server.url, lang: 'ar', credentials: 'include' })
  await wegov.me.update({ name: 'Leila' })
  t.equal(await wegov.apiKeys.revoke('org/1', 'key 2'), undefined)
  t.equal(await wegov.auth.signOut(), undefined)
  await wegov.people.setPlatformRole('p1', null)

  const [patch, del, signOut, put] = server.received
  t.match(patch, { method: 'PATCH', url: '/v1/me', body: '{"name":"Leila"}' })
  t.match(patch!.headers, { 'content-type': 'application/json', 'accept-language': 'ar' })
  t.match(del, { method: 'DELETE', url: '/v1/organisations/org%2F1/api-keys/key%202', body: '' })
  t.equal(del!.headers['content-type'], undefined, 'a DELETE declares no body')
  t.match(signOut, { method: 'POST', url: '/v1/auth/sign-out' })
  t.match(put, { method: 'PUT', url: '/v1/people/p1/platform-role', body: '{"role":null}' })
})

t.test('a write that lost its answer is not sent again', async (t) => {
  const server = await startScriptedServer(t, (_request, response) => {
    response.socket?.destroy()
  })
  const wegov = createClient({ baseUrl: server.url, retries: 3 })
  const error = await wegov.apiKeys.create('org', { name: 'CI', scopes: ['drafts:read'] }).catch((e: unknown) => e)
  t.match(error, { code: 'WEGOV_NETWORK' })
  t.equal(server.received.length, 1, 'a second key would have been created')
})
