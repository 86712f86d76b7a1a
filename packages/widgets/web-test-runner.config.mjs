import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { esbuildPlugin } from '@web/dev-server-esbuild'
import { playwrightLauncher } from '@web/test-runner-playwright'
import { rollup } from 'rollup'
import { tsImport } from 'tsx/esm/api'

/**
 * Browser tests against the REAL API: started here in-process on a random port (in-memory PGlite,
 * proof-of-work off), with fixture content. The built bundle is served by that API at /widgets/, as in
 * production, so the snippet, CORS/CORP and double-load tests use what partners get.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const artifacts = fileURLToPath(new URL('../../test-artifacts/widgets/', import.meta.url))

async function buildBundle() {
  const { default: configs } = await import(new URL('../../rollup.config.mjs', import.meta.url).href)
  // In order: the first build empties bundle/ before the others write to it.
  for (const config of configs) {
    const bundle = await rollup({ ...config, onwarn: () => {} })
    await bundle.write(config.output)
    await bundle.close()
  }
}

await buildBundle()
const { startTestApi } = await tsImport('./test/test-api.ts', import.meta.url)
const { running, fixtures } = await startTestApi()
const api = running.url.replace('localhost', '127.0.0.1')
await mkdir(artifacts, { recursive: true })

/** A real HTTP server that fails, for the server-error and rate-limit states the API cannot be made to show on demand. */
async function failingApi(context, next) {
  const match = /^\/failing-api\/(\d{3})\//.exec(context.path)
  if (!match) return next()
  const status = Number(match[1])
  const code = status === 429 ? 'WEGOV_RATE_LIMITED' : status === 503 ? 'WEGOV_UNAVAILABLE' : 'WEGOV_INTERNAL'
  context.status = status
  if (status === 429) context.set('retry-after', '42')
  context.type = 'application/problem+json'
  context.body = JSON.stringify({ type: `urn:wegov:problem:${code}`, title: code, status, code, detail: code, lang: 'en', instance: context.path, requestId: 'test' })
}

/**
 * The real API, answering GETs a set time late (`/slow-api/{ms}/v1/…`): on a local API a widget's data
 * arrives before its first frame, so its loading state would never be painted, and never measured.
 */
async function slowApi(context, next) {
  const match = /^\/slow-api\/(\d{1,4})(\/v1\/.*)$/.exec(context.path)
  if (!match || context.method !== 'GET') return next()
  await new Promise((resolve) => setTimeout(resolve, Number(match[1])))
  const response = await fetch(`${api}${match[2]}${context.querystring ? `?${context.querystring}` : ''}`, {
    headers: { 'accept-language': context.get('accept-language') },
  })
  context.status = response.status
  context.type = response.headers.get('content-type') ?? 'application/json'
  context.body = Buffer.from(await response.arrayBuffer())
}

/** What a test can ask of the browser through `executeServerCommand(name, payload)` (see test/browser-helpers.ts). */
const COMMANDS = {
  /** `{name, selector}`: saves a PNG under test-artifacts/widgets/. */
  async 'wegov-screenshot'(page, { name, selector }) {
    const target = selector ? page.locator(selector).first() : page
    await target.screenshot({ path: `${artifacts}${name}.png`, animations: 'disabled' })
  },
  /**
   * `{pattern, unreachable}`: requests for URLs matching the glob fail as on a lost connection, or go
   * through again. Narrower than going offline, which would also cut the runner's own link to the page.
   */
  async 'wegov-unreachable'(page, { pattern, unreachable }) {
    if (unreachable) await page.route(pattern, (route) => route.abort('internetdisconnected'))
    else await page.unroute(pattern)
  },
}

function testCommands() {
  return {
    name: 'wegov-test-commands',
    async executeCommand({ command, payload, session }) {
      if (!Object.hasOwn(COMMANDS, command)) return undefined
      await COMMANDS[command](session.browser.getPage(session.id), payload)
      return true
    },
  }
}

export default {
  rootDir: repoRoot,
  files: ['src/**/*.test.ts'],
  // @wegov/source: the SDK's TypeScript source, as in the bundle (rollup.config.mjs).
  nodeResolve: { exportConditions: ['@wegov/source'] },
  concurrency: 1,
  testFramework: { config: { timeout: 20000, ui: 'bdd' } },
  testsFinishTimeout: 10 * 60_000,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    }),
  ],
  middleware: [failingApi, slowApi],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2021', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    testCommands(),
    { name: 'wegov-test-api', serverStop: () => running.close() },
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
      <body>
        <script>window.WEGOV_TEST = ${JSON.stringify({ api, fixtures })}</script>
        <script src="/node_modules/axe-core/axe.min.js"></script>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
}
