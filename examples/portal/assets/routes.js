import { isLang } from './i18n.js'

/**
 * The portal's URLs: /{lang}/ then a section, or a section and an item's slug. Shared by the server
 * (which routes and renders) and the browser (which renders when the files are served by a plain web
 * server or a CDN).
 */

/**
 * Sections in navigation order; `embed` is reached from the footer and the About page, `opendata` from the
 * footer and the About page, the organisation directory from the About page and every organisation's name.
 */
export const SECTIONS = ['home', 'projects', 'learning', 'petitions', 'library', 'about']
const SECTION_PATHS = { home: '', projects: 'projects', learning: 'learning', petitions: 'petitions', library: 'library', about: 'about', embed: 'embed', opendata: 'open-data', organisations: 'organisations' }
/** Item pages: /{lang}/{collection}/{slug}. Learning and library items are both /resources/. */
const ITEM_PAGES = { projects: 'project', petitions: 'petition', resources: 'resource', organisations: 'organisation' }
const ITEM_PATHS = { project: 'projects', petition: 'petitions', resource: 'resources', organisation: 'organisations' }

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * @param {string} pathname
 * @returns {{lang: string, page: string, slug?: string} | null}
 */
export function parsePortalPath(pathname) {
  const parts = pathname.split('/').filter(Boolean)
  const [lang, first, slug, ...rest] = parts
  if (!isLang(lang) || rest.length > 0) return null
  if (first === undefined) return { lang, page: 'home' }
  if (slug === undefined) {
    const page = Object.keys(SECTION_PATHS).find((key) => SECTION_PATHS[key] === first && key !== 'home')
    return page ? { lang, page } : null
  }
  const page = ITEM_PAGES[first]
  return page && SLUG.test(slug) && slug.length <= 100 ? { lang, page, slug } : null
}

/** The path of a section or an item in a language. */
export function pathFor(lang, page, slug) {
  if (slug !== undefined) return `/${lang}/${ITEM_PATHS[page]}/${encodeURIComponent(slug)}`
  const section = SECTION_PATHS[page] ?? ''
  return section ? `/${lang}/${section}` : `/${lang}/`
}

/** Which navigation entry an item page belongs to. */
export function sectionOf(page, data) {
  if (page === 'project') return 'projects'
  if (page === 'petition') return 'petitions'
  if (page === 'organisation') return 'organisations'
  if (page === 'resource') return data?.resource?.collection === 'library' ? 'library' : 'learning'
  return page
}
