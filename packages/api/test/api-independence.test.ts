import { readFile, readdir } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import t from 'tap'
import { buildTestApp } from './helpers/test-app.js'

/**
 * The API stands alone: the portal and the widgets are built on it, never the reverse (issue 15,
 * docs/ARCHITECTURE.md). Nothing under packages/api/src imports from examples/ or packages/widgets or
 * names a path into them; the lint rule that says so is really active; and the API built alone (an
 * API-only deployment, src/server.ts) serves no portal page and no widget file.
 */
const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const SRC = join(REPO, 'packages/api/src')
const FORBIDDEN_DIRS = [join(REPO, 'examples'), join(REPO, 'packages/widgets')]
const FORBIDDEN_PACKAGES = ['@wegov/widgets', '@wegov/portal']

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : Promise.resolve(/\.(ts|js|mjs)$/.test(entry.name) ? [join(dir, entry.name)] : []))),
  )
  return nested.flat()
}

/** Every quoted string of a file that looks like a module specifier or a relative path. */
function pathLikeStrings(code: string): string[] {
  return [...code.matchAll(/(['"`])((?:\.{1,2}\/|@wegov\/)[^'"`\s]*)\1/g)].map((match) => match[2]!)
}

/** Where a string leads, when it leads into a forbidden place; undefined when it does not. */
function forbiddenTarget(file: string, specifier: string): string | undefined {
  if (FORBIDDEN_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`))) return specifier
  if (!specifier.startsWith('.')) return undefined
  const target = resolve(dirname(file), specifier)
  return FORBIDDEN_DIRS.some((dir) => target === dir || target.startsWith(`${dir}${sep}`)) ? target : undefined
}

t.test('no file under packages/api/src imports or names a path into examples/ or packages/widgets', async (t) => {
  const files = await sourceFiles(SRC)
  t.ok(files.length > 100, `the API's sources are all read (${files.length})`)
  const offences: string[] = []
  for (const file of files) {
    for (const specifier of pathLikeStrings(await readFile(file, 'utf8'))) {
      const target = forbiddenTarget(file, specifier)
      if (target) offences.push(`${file.slice(REPO.length)}: ${specifier}`)
    }
  }
  t.same(offences, [])
  // The check itself finds what it looks for: the paths the API used before the portal moved out.
  t.ok(forbiddenTarget(join(SRC, 'portal/portal-files.ts'), '../../../../examples/portal/'), 'a URL into examples/ is caught')
  t.ok(forbiddenTarget(join(SRC, 'http/widgets-static.ts'), '../../../widgets/bundle/'), 'a path into the widget bundle is caught')
  t.ok(forbiddenTarget(join(SRC, 'app.ts'), '@wegov/widgets'), 'the widgets package is caught')
  t.notOk(forbiddenTarget(join(SRC, 'app.ts'), './http/problem.js'), 'the API’s own modules are not')
})

t.test('the lint rule refuses such an import in the API, and only there', async (t) => {
  const eslint = new ESLint({ cwd: REPO })
  const code = [
    "import { portalPlugin } from '../../../examples/portal/server/portal-plugin.js'",
    "const bundle = new URL('../../../widgets/bundle/', import.meta.url)",
    'export const both = [portalPlugin, bundle]',
    '',
  ].join('\n')
  const [inApi] = await eslint.lintText(code, { filePath: join(SRC, 'http/probe.ts') })
  const rules = inApi!.messages.map((message) => message.ruleId)
  t.ok(rules.includes('no-restricted-imports'), 'the import is refused')
  t.ok(rules.includes('no-restricted-syntax'), 'the path is refused')
  const [inScripts] = await eslint.lintText(code, { filePath: join(REPO, 'scripts/probe.ts') })
  t.same(inScripts!.messages.filter((message) => message.ruleId?.startsWith('no-restricted')), [], 'the composition root may import both')
})

t.test('the API alone serves no portal page and no widget file', async (t) => {
  const app = await buildTestApp(t, { portal: false })
  for (const url of ['/fr/', '/fr/organisations', '/widgets/wegov.js', '/examples/portal/index.html', '/assets/portal.css', '/sitemap.xml']) {
    const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } })
    t.equal(res.statusCode, 404, `${url}: not served`)
    t.match(res.headers['content-type'], /^application\/problem\+json/, `${url}: the API's problem, not a page`)
  }
  const api = await app.inject({ method: 'GET', url: '/v1/organisations' })
  t.equal(api.statusCode, 200, 'the API itself answers')

  const composed = await buildTestApp(t)
  const page = await composed.inject({ method: 'GET', url: '/fr/organisations' })
  t.equal(page.statusCode, 200, 'composed as npm start does, the portal is there')
})
