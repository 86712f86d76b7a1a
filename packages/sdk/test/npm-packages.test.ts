import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from 'esbuild'
import t from 'tap'
import { addProject, createFixtureOrganisations } from '../../api/test/helpers/content-fixtures.js'
import { launchBrowser, newContext } from '../../api/test/helpers/e2e.js'
import { installPackedPackages, REPO, runIn, serveFolder } from './helpers/partner-app.js'
import { startApi } from './helpers/servers.js'

/**
 * @wegov/sdk and @wegov/widgets as a partner gets them: `npm pack`ed, installed in an empty folder outside
 * this workspace, then used there from plain Node, from TypeScript, and from a page built by a bundler.
 * Packing runs each package's prepack build, so two runs of this file must not overlap (.ci/run).
 */
// Two package builds, an npm install and a browser: more than the suite's usual budget per file.
t.setTimeout(600_000)
t.comment(`Node ${process.version}`)

t.test('the packed SDK and widgets work outside the workspace', async (t) => {
  const { app, baseUrl } = await startApi(t)
  await createFixtureOrganisations(app.db)
  await addProject(app.db, { slug: 'water-budget', title: { fr: 'Budget participatif de l’eau' }, countries: ['TN'] })
  const partner = await installPackedPackages(t)

  t.test('each package carries the licence its license field names', async (t) => {
    for (const name of ['sdk', 'widgets']) {
      const folder = join(partner, 'node_modules', '@wegov', name)
      const manifest = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8'))
      t.equal(manifest.license, 'AGPL-3.0-or-later', `@wegov/${name}: license field`)
      t.match(await readFile(join(folder, 'LICENSE'), 'utf8'), /^GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3/, `@wegov/${name}: LICENSE text`)
    }
  })

  t.test('a plain node script calls the API through the SDK', async (t) => {
    await writeFile(
      join(partner, 'titles.js'),
      `import { createClient, NotFoundError } from '@wegov/sdk'
const wegov = createClient({ baseUrl: process.argv[2], lang: 'fr' })
const projects = await wegov.projects.list({ country: 'TN' }).collect()
const missing = await wegov.projects.get('no-such-project').catch((error) => error)
const plain = process.execArgv.length === 0 && !process.env.NODE_OPTIONS
console.log(JSON.stringify({ node: process.version, plain, titles: projects.map((p) => p.title.text), missing: [missing instanceof NotFoundError, missing.code] }))
`,
    )
    // process.execPath: the Node this suite runs on (CI also runs it on Node 24), with no loader.
    const output = JSON.parse(await runIn(partner, process.execPath, ['titles.js', baseUrl]))
    t.same(output, { node: process.version, plain: true, titles: ['Budget participatif de l’eau'], missing: [true, 'WEGOV_NOT_FOUND'] })
  })

  t.test('TypeScript checks a partner file against the packages’ .d.ts', async (t) => {
    await writeFile(
      join(partner, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          types: [],
          strict: true,
          noEmit: true,
          // The packages' own .d.ts are checked too, not only what the partner's file uses of them.
          skipLibCheck: false,
        },
        files: ['partner.ts'],
      }),
    )
    await writeFile(
      join(partner, 'partner.ts'),
      `import { createClient, type Project, WeGovError } from '@wegov/sdk'
import { defineAll } from '@wegov/widgets'
import type { WeGovProjects } from '@wegov/widgets/projects'

const wegov = createClient({ baseUrl: 'https://wegov.example.org', lang: 'ar' })
export async function titles(): Promise<string[]> {
  const page = await wegov.projects.list({ country: 'TN' })
  return page.items.map((project: Project) => project.title.text)
}
export const codeOf = (error: unknown): string | undefined => (error instanceof WeGovError ? error.code : undefined)
export const loaded: Promise<unknown[]> = defineAll()
export const projects: WeGovProjects = document.createElement('wegov-projects')
projects.limit = 3
// The types are real, not any: each line below is an error TypeScript must report.
// @ts-expect-error a page size is a number
void wegov.projects.list({ limit: 'ten' })
// @ts-expect-error no such namespace
void wegov.petition
// @ts-expect-error the widget's limit is a number
projects.limit = 'three'
`,
    )
    await runIn(partner, process.execPath, [`${REPO}node_modules/typescript/bin/tsc`, '-p', partner])
    t.pass('tsc found no error, and every expected error')
  })

  t.test('a page bundled with @wegov/widgets renders a widget from the API', async (t) => {
    await writeFile(join(partner, 'main.js'), `import '@wegov/widgets'\n`)
    await mkdir(join(partner, 'site'))
    await writeFile(
      join(partner, 'site/index.html'),
      `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Partner</title><link rel="icon" href="data:,"></head>
<body><wegov-projects api="${baseUrl}" country="TN"></wegov-projects><script type="module" src="./main.js"></script></body></html>`,
    )
    // esbuild resolves @wegov/widgets, lit and @wegov/sdk from the partner's node_modules, as their build would.
    await build({
      entryPoints: [join(partner, 'main.js')],
      absWorkingDir: partner,
      bundle: true,
      splitting: true,
      format: 'esm',
      target: 'es2022',
      outdir: join(partner, 'site'),
      logLevel: 'error',
    })
    const site = await serveFolder(t, join(partner, 'site'))

    const browser = await launchBrowser(t)
    const page = await (await newContext(browser)).newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
    await page.goto(`${site}/`)
    const shown = await page.waitForFunction(() => {
      const root = document.querySelector('wegov-projects')?.shadowRoot
      const title = root?.querySelector('[part~="card"]') && root.querySelector('[part~="title"]')
      return title ? { heading: title.textContent?.trim(), text: root!.textContent } : false
    })
    const { heading, text } = (await shown.jsonValue()) as { heading: string; text: string }
    // The French heading comes from the widget's locale module, a chunk of its own in the bundle.
    t.equal(heading, 'Projets de gouvernance')
    t.match(text, 'Budget participatif de l’eau')
    t.same(errors, [])
  })
})
