import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Lang } from './languages.js'
import type { PortalData, PortalRoute } from './portal-data.js'
import { missingSlots } from './template.js'

export const PORTAL_DIR = fileURLToPath(new URL('../', import.meta.url))
export const SLOTS = ['html', 'head', 'body'] as const

/** The browser modules the server runs too (examples/portal/assets): one source for both renderings. */
export interface PortalModules {
  renderPortalPage(view: { lang: Lang; page: string; slug?: string; data?: PortalData; status?: number }): {
    status: number
    title: string
    name: string
    description: string
    body: string
  }
  /** The portal's header, main landmark and footer around markup the API made (views.js). */
  renderPortalFrame(view: { lang: Lang; page: string; main: string }): string
  parsePortalPath(pathname: string): PortalRoute | null
  pathFor(lang: Lang, page: string, slug?: string): string
  /** The sections in navigation order (home, projects, …). */
  SECTIONS: readonly string[]
}

export interface PortalFiles {
  root: string
  /** page.html, with its html, head and body slots. */
  template: string
  modules: PortalModules
}

/**
 * The portal's page template and the browser modules that render into it, read once; null when the
 * files are not there (an API deployed without the portal).
 */
export async function loadPortalFiles(root = PORTAL_DIR): Promise<PortalFiles | null> {
  const templatePath = join(root, 'page.html')
  if (!existsSync(templatePath)) return null
  const template = await readFile(templatePath, 'utf8')
  const missing = missingSlots(template, SLOTS)
  if (missing.length) throw new Error(`${templatePath} lacks the slots ${missing.join(', ')}`)
  const assets = pathToFileURL(join(root, 'assets/')).href
  const views = (await import(`${assets}views.js`)) as Pick<PortalModules, 'renderPortalPage' | 'renderPortalFrame'>
  const routes = (await import(`${assets}routes.js`)) as Pick<PortalModules, 'parsePortalPath' | 'pathFor' | 'SECTIONS'>
  return { root, template, modules: { ...routes, renderPortalPage: views.renderPortalPage, renderPortalFrame: views.renderPortalFrame } }
}
