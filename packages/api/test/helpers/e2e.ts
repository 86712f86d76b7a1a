import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page, chromium } from 'playwright-core'
import type { Test } from 'tap'

/**
 * End-to-end helpers: WeGov started the way `npm start` starts it (its own process, a fresh database,
 * demo content, the development mailbox, the partner site on a second origin), and Debian's Chromium
 * driven by playwright-core.
 */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url))
export const ARTIFACTS = `${REPO}test-artifacts/e2e/`
const require = createRequire(import.meta.url)

export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

/**
 * The widget bundle the API serves at /widgets/; built once if this checkout has not built it yet (a
 * fresh clone in CI). Test files run in parallel and a build starts by emptying bundle/, so one file builds
 * while the others wait for its lock to go.
 */
export function ensureWidgetBundle(): void {
  buildOnce({ output: `${REPO}packages/widgets/bundle/wegov.js`, lock: `${REPO}packages/widgets/.e2e-build-lock`, cwd: REPO })
}

/**
 * Runs rollup in `cwd` (with `config` when given) unless `output` exists. Test files run in parallel and a
 * build starts by emptying its output folder, so one file builds while the others wait for `lock` to go.
 */
export function buildOnce({ output, lock, cwd, config }: { output: string; lock: string; cwd: string; config?: string }): void {
  const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
  for (;;) {
    if (existsSync(output) && !existsSync(lock)) return
    try {
      mkdirSync(lock)
    } catch {
      // Another test file is building; a lock older than ten minutes was left by a crash.
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 600_000) rmSync(lock, { recursive: true, force: true })
      pause(200)
      continue
    }
    try {
      if (!existsSync(output)) execFileSync(process.execPath, [`${REPO}node_modules/rollup/dist/bin/rollup`, '-c', ...(config ? [config] : [])], { cwd, stdio: 'inherit' })
    } finally {
      rmSync(lock, { recursive: true, force: true })
    }
  }
}

export interface RunningWeGov {
  url: string
  partnerUrl: string
}

/**
 * Starts WeGov as `npm start` does (scripts/start.ts: the API and the portal) in a child process on free ports, with a database of its own: an in-memory PGlite, or on
 * PostgreSQL (DATABASE_URL set) a schema dropped at teardown. Returns once /health/ready answers. `host`: the
 * public URL's host name (`localhost` where WebAuthn needs a domain: it refuses an IP address as relying party).
 */
export async function startWeGov(t: Test, env: Record<string, string> = {}, { host = '127.0.0.1' }: { host?: string } = {}): Promise<RunningWeGov> {
  ensureWidgetBundle()
  const [port, partnerPort] = [await freePort(), await freePort()]
  const schema = process.env.DATABASE_URL ? `wegov_e2e_${randomBytes(6).toString('hex')}` : undefined
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: process.env.DATABASE_URL || 'memory://',
      ...(schema ? { WEGOV_DB_SCHEMA: schema } : {}),
      WEGOV_REDIS_PREFIX: `wegov-e2e-${randomBytes(4).toString('hex')}:`,
      HOST: '127.0.0.1',
      PORT: String(port),
      WEGOV_PARTNER_PORT: String(partnerPort),
      WEGOV_DEMO: '1',
      // A real proof-of-work, made cheap: the widget still fetches and solves a challenge.
      WEGOV_POW_MAX_NUMBER: '2000',
      WEGOV_MAIL_POLL_MS: '100',
      // Teardown need not wait the production grace for idle keep-alive sockets (fetch's, the browser's).
      WEGOV_SHUTDOWN_GRACE_MS: '1000',
      SMTP_URL: '',
      // The address the browser uses is the deployment's public URL: snippets and links name it.
      WEGOV_PUBLIC_URL: `http://${host}:${port}`,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  t.teardown(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
    if (schema) {
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await admin.connect()
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await admin.end()
    }
  })
  const url = `http://${host}:${port}`
  for (;;) {
    if (child.exitCode !== null) throw new Error(`WeGov exited with ${child.exitCode}`)
    const ready = await fetch(`${url}/health/ready`).then((res) => res.ok, () => false)
    if (ready) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { url, partnerUrl: `http://localhost:${partnerPort}` }
}

export async function launchBrowser(t: Test): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  t.teardown(() => browser.close())
  return browser
}

/**
 * A browser context for a test. tsx compiles this file with esbuild's keepNames, which wraps named
 * functions in a `__name()` helper that page.evaluate callbacks then call inside the page.
 */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options)
  await context.addInitScript('globalThis.__name = (fn) => fn')
  return context
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: `${ARTIFACTS}${name.replace(/[^\w.-]+/g, '_')}.png`, fullPage: true })
}

/**
 * Waits until every WeGov widget on the page has rendered its content (not its loading skeleton). The
 * portal loads widgets as they come near the screen, so the first one is scrolled to first.
 */
export async function widgetsSettled(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector('wegov-petition, wegov-projects, wegov-resources')?.scrollIntoView())
  await page.waitForFunction(() => {
    const widgets = Array.from(document.querySelectorAll('wegov-petition, wegov-projects, wegov-resources'))
    return widgets.every((widget) => {
      if (!customElements.get(widget.localName) || !widget.shadowRoot) return false
      const root = widget.shadowRoot
      return !root.querySelector('.skeleton') && !root.querySelector('[aria-busy="true"]')
    })
  })
  await page.evaluate(() => window.scrollTo(0, 0))
}

let axeSource: string | undefined

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown[]; html: string }[]
}

/**
 * axe-core's WCAG 2.x A and AA rules (and best practices) on the page, shadow roots included. `within`: only
 * the elements it selects (the widgets on a partner's page, whose own markup is not ours); `exclude`: leave out
 * regions that show a visitor's own choices on purpose (the embed builder's preview).
 */
export async function axeViolations(page: Page, { within, exclude = [] }: { within?: string; exclude?: string[] } = {}): Promise<AxeViolation[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
  // Evaluated through the DevTools protocol, which the portal's Content-Security-Policy does not govern.
  await page.evaluate(`${axeSource};0`)
  return page.evaluate(
    async ({ within, exclude }) => {
      const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe
      const include = within ? Array.from(document.querySelectorAll(within)) : document
      const context = exclude.length ? { ...(within ? { include: [within] } : {}), exclude: exclude.map((selector) => [selector]) } : include
      const result = await axe.run(context, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      })
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }))
    },
    { within, exclude },
  )
}

export interface ShownText {
  text: string
  lang: string
}

/**
 * Every piece of text a visitor can see or hear (text nodes, labels, placeholders, alt texts), across
 * shadow roots, outside subtrees hidden from everyone, with the language it is marked as (the nearest lang attribute, crossing shadow hosts).
 */
export async function shownTexts(page: Page): Promise<ShownText[]> {
  return page.evaluate(() => {
    const out: { text: string; lang: string }[] = []
    const langOf = (start: Node | null): string => {
      for (let node: Node | null = start; node; ) {
        if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? ''
        node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)
      }
      return ''
    }
    const visit = (root: Node) => {
      // Subtrees hidden from everyone (aria-hidden, the hidden attribute) are neither seen nor heard.
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
        acceptNode: (node) =>
          node instanceof Element && (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('hidden'))
            ? NodeFilter.FILTER_REJECT
            : NodeFilter.FILTER_ACCEPT,
      })
      for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) {
          const parent = node.parentElement
          if (parent && ['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'].includes(parent.tagName)) continue
          const text = node.textContent?.trim()
          if (text) out.push({ text, lang: langOf(node) })
        } else if (node instanceof Element) {
          for (const name of ['aria-label', 'placeholder', 'alt', 'title']) {
            const value = node.getAttribute(name)?.trim()
            if (value) out.push({ text: value, lang: langOf(node) })
          }
          if (node.shadowRoot) visit(node.shadowRoot)
        }
      }
    }
    visit(document.body)
    out.push({ text: document.title, lang: document.documentElement.lang })
    return out
  })
}
