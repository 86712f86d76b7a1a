import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Fastify from 'fastify'
import { type Test, test } from 'tap'
import { consoleStatic } from '../src/http/console-static.js'
import { checkBuildCompressed, checkCompressedForms, writeWithCompressedForms } from './helpers/precompressed.js'

const SCRIPT = `export const console = ${JSON.stringify('WeGov console '.repeat(40))}`

const PAGE = `<!doctype html><html lang="%LANG%" dir="%DIR%"><head><title>%TITLE%</title>
<script type="module" src="/console/assets/console-Ab12Cd34.js"></script></head><body><wegov-console></wegov-console><noscript>%NOSCRIPT%</noscript></body></html>`

async function appWithConsole(t: Test, build = true) {
  const root = await mkdtemp(join(tmpdir(), 'wegov-console-'))
  if (build) {
    await mkdir(join(root, 'assets'))
    await writeFile(join(root, 'index.html'), PAGE)
    await writeWithCompressedForms(join(root, 'assets', 'console-Ab12Cd34.js'), SCRIPT)
  }
  const app = Fastify({ logger: false })
  await app.register(consoleStatic, { root })
  t.teardown(async () => {
    await app.close()
    await rm(root, { recursive: true, force: true })
  })
  return app
}

test('every console path answers the page, never cached, under a strict CSP and never framed', async (t) => {
  const app = await appWithConsole(t)
  for (const url of ['/console/', '/console', '/console/sign-in?token=abc', '/console/organisations/0b7c1f0e-4c55-4f7e-9a51-2f4d3c0f1a2b/api-keys']) {
    const response = await app.inject({ url })
    t.equal(response.statusCode, 200, url)
    t.match(response.headers['content-type'], /^text\/html/, url)
    t.match(response.body, /<wegov-console>/, url)
    t.equal(response.headers['cache-control'], 'no-cache', url)
    const csp = String(response.headers['content-security-policy'])
    t.match(csp, /script-src 'self'(;|$)/, url)
    t.notMatch(csp, /unsafe-inline|unsafe-eval/, url)
    t.match(csp, /frame-ancestors 'none'/, url)
    t.equal(response.headers['x-frame-options'], 'DENY', url)
  }
})

test('the page says its language and direction before any script runs', async (t) => {
  const app = await appWithConsole(t)
  const arabic = await app.inject({ url: '/console/sign-in?lang=ar' })
  t.match(arabic.body, /<html lang="ar" dir="rtl">/)
  t.match(arabic.body, /<title>لوحة تحكم WeGov<\/title>/)
  const french = await app.inject({ url: '/console/account?lang=fr' })
  t.match(french.body, /<html lang="fr" dir="ltr">/)
  t.match(french.body, /<title>Console WeGov<\/title>/)
  const unknown = await app.inject({ url: '/console/?lang=de' })
  t.match(unknown.body, /<html lang="en" dir="ltr">/)
  t.notMatch(unknown.body, /%[A-Z]+%/)
})

test('hashed assets are immutable, and a missing asset is a 404, not the page', async (t) => {
  const app = await appWithConsole(t)
  const asset = await app.inject({ url: '/console/assets/console-Ab12Cd34.js' })
  t.equal(asset.statusCode, 200)
  t.match(asset.headers['content-type'], /javascript/)
  t.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable')
  t.equal(asset.headers['access-control-allow-origin'], undefined)
  const missing = await app.inject({ url: '/console/assets/nothing-12345678.js' })
  t.equal(missing.statusCode, 404)
  t.notMatch(missing.body, /<wegov-console>/)
})

test('without a build, the console answers 503 and the server still starts', async (t) => {
  const app = await appWithConsole(t, false)
  const response = await app.inject({ url: '/console/' })
  t.equal(response.statusCode, 503)
  t.equal(response.headers['cache-control'], 'no-store')
})

test('assets go out as the build compressed them, by Accept-Encoding, immutable in each form', async (t) => {
  const app = await appWithConsole(t)
  const forms = await checkCompressedForms(t, app, '/console/assets/console-Ab12Cd34.js', SCRIPT)
  for (const reply of Object.values(forms)) t.equal(reply.headers['cache-control'], 'public, max-age=31536000, immutable')
})

test('the build writes a brotli and a gzip form of every console asset', async (t) => {
  await checkBuildCompressed(t, fileURLToPath(new URL('../../console/dist/', import.meta.url)))
})
