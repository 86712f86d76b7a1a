import { randomUUID } from 'node:crypto'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { type Config, loadConfig } from '../src/config.js'
import { TEST_SIGN_URL, buildSigningApp } from './helpers/signing-app.js'
import { openTestDatabase } from './helpers/test-app.js'

/**
 * Behind a proxy (WEGOV_TRUST_PROXY), the rate limits count the client the proxy saw: the right-most
 * X-Forwarded-For entry, the one the proxy appended. Entries to its left are the client's own writing.
 */

const shared = await openTestDatabase(t)

/** A signing attempt over a real socket from 127.0.0.1 (the proxy), with the X-Forwarded-For it sends. */
function signThroughProxy(app: FastifyInstance, forwardedFor: string): Promise<number> {
  const { port } = app.server.address() as AddressInfo
  const body = JSON.stringify({ email: `${randomUUID()}@example.org` })
  return new Promise((resolve, reject) => {
    request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: TEST_SIGN_URL('petition-1'),
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      },
      (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode!))
      },
    )
      .on('error', reject)
      .end(body)
  })
}

for (const [setting, value] of [['a hop count', '1'], ['the proxy address', '127.0.0.1'], ['a proxy CIDR', '127.0.0.0/8, ::1']] as const) {
  t.test(`WEGOV_TRUST_PROXY as ${setting} (${value}): a forged left-most X-Forwarded-For entry changes nothing`, async (t) => {
    const config: Partial<Config> = { pow: false, signIpFlagAt: 3, signIpRefuseAt: 3, trustProxy: loadConfig({ WEGOV_TRUST_PROXY: value }).trustProxy }
    const app = await buildSigningApp(t, { database: shared, config })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const statuses = []
    for (let i = 1; i <= 5; i++) statuses.push(await signThroughProxy(app, `198.51.100.${i}, 203.0.113.7`))
    t.same(statuses, [202, 202, 202, 429, 429], 'one client, whatever it writes to the left')
    t.equal(await signThroughProxy(app, '198.51.100.1, 203.0.113.8'), 202, 'another client behind the proxy counts on its own')
  })
}

t.test('WEGOV_TRUST_PROXY: a hop count or proxy addresses, never "trust everyone"', async (t) => {
  t.equal(loadConfig({}).trustProxy, false)
  t.equal(loadConfig({ WEGOV_TRUST_PROXY: '0' }).trustProxy, false)
  t.equal(loadConfig({ WEGOV_TRUST_PROXY: '2' }).trustProxy, 2)
  t.same(loadConfig({ WEGOV_TRUST_PROXY: '10.0.0.0/8, 192.0.2.1,2001:db8::/32' }).trustProxy, ['10.0.0.0/8', '192.0.2.1', '2001:db8::/32'])
  for (const bad of ['true', 'yes', '10.0.0.0/33', 'proxy.internal', '1.5']) {
    t.throws(() => loadConfig({ WEGOV_TRUST_PROXY: bad }), /WEGOV_TRUST_PROXY/, bad)
  }
})
