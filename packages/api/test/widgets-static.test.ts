import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliDecompressSync } from 'node:zlib'
import Fastify from 'fastify'
import { type Test, test } from 'tap'
import { staticFiles } from '../../../examples/portal/server/static-files.js'
import { checkBuildCompressed, checkCompressedForms, writeWithCompressedForms } from './helpers/precompressed.js'

const CHUNK = `export const projects = ${JSON.stringify('WeGov projects '.repeat(40))}`

async function appWithBundle(t: Test) {
  const root = await mkdtemp(join(tmpdir(), 'wegov-widgets-'))
  await mkdir(join(root, 'chunks'))
  await writeFile(join(root, 'wegov.js'), 'import("./chunks/projects-Ab12Cd34.js")')
  await writeWithCompressedForms(join(root, 'chunks', 'projects-Ab12Cd34.js'), CHUNK)
  const app = Fastify({ logger: false })
  await app.register(staticFiles, { root })
  t.teardown(async () => {
    await app.close()
    await rm(root, { recursive: true, force: true })
  })
  return app
}

test('the entry file is readable from any origin and cached briefly', async (t) => {
  const app = await appWithBundle(t)
  const response = await app.inject({ url: '/widgets/wegov.js', headers: { origin: 'https://partner.example' } })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /javascript/)
  t.equal(response.headers['access-control-allow-origin'], '*')
  t.equal(response.headers['cross-origin-resource-policy'], 'cross-origin')
  t.match(response.headers['cache-control'], /max-age=300\b/)
  t.notMatch(response.headers['cache-control'], /immutable/)
})

test('hashed chunks are cached for a year, immutable', async (t) => {
  const app = await appWithBundle(t)
  const response = await app.inject({ url: '/widgets/chunks/projects-Ab12Cd34.js' })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable')
  t.equal(response.headers['cross-origin-resource-policy'], 'cross-origin')
})

test('the snippet example page is served at /examples/snippet/', async (t) => {
  const app = await appWithBundle(t)
  const response = await app.inject({ url: '/examples/snippet/' })
  t.equal(response.statusCode, 200)
  t.match(response.body, /<script type="module" src="\/widgets\/wegov\.js"><\/script>/)
  t.match(response.body, /<wegov-petition /)
  const missing = await app.inject({ url: '/widgets/nothing-here.js' })
  t.equal(missing.statusCode, 404)
})

test('/examples/ serves the example pages, compressed, and nothing else of examples/', async (t) => {
  const app = await appWithBundle(t)
  for (const url of ['/examples/snippet/', '/examples/partner-site/', '/examples/partner-site/atgl.css', '/examples/portal/index.html']) {
    const page = await app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } })
    t.equal(page.statusCode, 200, `${url}: served`)
    t.equal(page.headers['content-encoding'], 'br', `${url}: in brotli`)
    t.match(page.headers.vary, /accept-encoding/i, `${url}: Vary`)
    const plain = await app.inject({ url })
    t.equal(plain.headers['content-encoding'], undefined, `${url}: as is to a client that asks for no encoding`)
    t.equal(brotliDecompressSync(page.rawPayload).toString(), plain.body, `${url}: the same page`)
  }
  t.equal((await app.inject({ url: '/examples/snippet' })).headers.location, '/examples/snippet/', 'a folder without its slash is redirected')
  // The portal's server code, the SDK scripts and their data, the READMEs: source, not pages.
  for (const url of ['/examples/portal/server/portal-plugin.ts', '/examples/node-sdk/csv-sync.ts', '/examples/node-sdk/projects.csv', '/examples/partner-site/README.md', '/examples/portal/package.json']) {
    t.equal((await app.inject({ url })).statusCode, 404, `${url}: not served`)
  }
})

test('a secret left beside the examples is never served', async (t) => {
  // A partner running the node-sdk example keeps its API key in a .env file next to it.
  const examples = await mkdtemp(join(tmpdir(), 'wegov-examples-'))
  t.teardown(() => rm(examples, { recursive: true, force: true }))
  for (const folder of ['snippet', 'node-sdk']) await mkdir(join(examples, folder))
  await writeFile(join(examples, 'snippet', 'index.html'), '<!doctype html><title>snippet</title>')
  await writeFile(join(examples, 'node-sdk', '.env'), 'WEGOV_API_KEY=wgk_secret\n')
  await writeFile(join(examples, 'snippet', '.env'), 'WEGOV_API_KEY=wgk_secret\n')
  const app = Fastify({ logger: false })
  await app.register(staticFiles, { root: examples, examples })
  t.teardown(() => app.close())
  t.equal((await app.inject({ url: '/examples/snippet/' })).statusCode, 200, 'the page is served')
  for (const url of ['/examples/node-sdk/.env', '/examples/snippet/.env', '/examples/snippet/%2e%2e/node-sdk/.env', '/examples/snippet/..%2fnode-sdk/.env']) {
    const reply = await app.inject({ url })
    t.equal(reply.statusCode, 404, `${url}: 404`)
    t.notMatch(reply.body, /wgk_secret/, `${url}: the key is not in the reply`)
  }
})

test('a file goes out as the build compressed it, by Accept-Encoding, cached alike in each form', async (t) => {
  const app = await appWithBundle(t)
  const forms = await checkCompressedForms(t, app, '/widgets/chunks/projects-Ab12Cd34.js', CHUNK)
  for (const reply of Object.values(forms)) {
    t.equal(reply.headers['cache-control'], 'public, max-age=31536000, immutable')
    t.equal(reply.headers['access-control-allow-origin'], '*')
  }
  // A file the build left uncompressed is sent as it is, whatever the client accepts.
  const entry = await app.inject({ url: '/widgets/wegov.js', headers: { 'accept-encoding': 'br, gzip' } })
  t.equal(entry.statusCode, 200)
  t.equal(entry.headers['content-encoding'], undefined)
  t.equal(entry.body, 'import("./chunks/projects-Ab12Cd34.js")')
})

test('the build writes a brotli and a gzip form of every widget file', async (t) => {
  await checkBuildCompressed(t, fileURLToPath(new URL('../../widgets/bundle/', import.meta.url)))
})
