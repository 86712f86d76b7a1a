import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
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
