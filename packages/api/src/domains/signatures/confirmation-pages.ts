import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { Lang } from '../../db/schema.js'
import { ERRORS, type ErrorCode, WeGovError } from '../../errors.js'
import { DEFAULT_LANG, isLang, localize } from '../../i18n/languages.js'
import type { PageFrame } from '../../http/browser-not-found.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { publicStatus } from '../petitions/petition-lifecycle.js'
import { type PageView, type PetitionShown, confirmationPageHtml } from './confirmation-page-view.js'
import { ERROR_TITLE, PAGES, type PageText } from './confirmation-texts.js'
import type { LinkedSignature } from './confirmation.js'

/**
 * Their URL carries a token: no referrer leaves them, nothing caches them, no search engine lists them.
 * Styles and the portal's own script come from this origin only; forms post back here only.
 */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
} as const

/**
 * The pages the links in confirmation emails open, in the signer's language (stored with the signature;
 * the link's `lang` only when the token names none; a POST keeps the language of the page its form was
 * on), in the portal's frame, one language at a time. A GET only shows a page with
 * a button; the button POSTs. Mail security scanners follow every link in an email, and a GET that
 * confirmed (or withdrew) would do it for them (alphagov/e-petitions#1661). Plain HTML forms: they work
 * without script in any mail app's browser.
 *
 * After confirming or withdrawing, the page shows the petition's new count and leads back to the page the
 * signer came from, which shows that count too: the count and petition replies are revalidated by
 * browsers on every use (petitions/count-caching.ts, COUNT_CACHE_CONTROL).
 */
export const confirmationPages: FastifyPluginAsync = async (app) => {
  // Read per request: the portal, when there is one, registers its frame after the API's routes.
  const frame = () => app.pageFrame.frame

  // Scoped to these routes: the JSON API keeps refusing form bodies with 415.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 2048 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))))
  })

  /** The petition as these pages show it; with its count once the signature has been counted or taken off. */
  async function petitionShown(signature: LinkedSignature, lang: Lang, withCount: boolean): Promise<PetitionShown | undefined> {
    const row = await app.petitions.petition(signature.petitionId)
    if (!row || row.deleted_at) return undefined
    const title = localize(row.title, lang, row.original_lang)
    if (!title) return undefined
    const source = safePageUrl(signature.sourceUrl)
    const site = frame()
    const portalPage = site && publicStatus(row) !== null ? site.pathFor(lang, 'petition', row.slug) : undefined
    const back = source ? { href: source, toSource: true } : portalPage ? { href: portalPage, toSource: false } : undefined
    const count = withCount ? { total: (await app.signatures.count(row.id)).total, goal: row.signature_goal } : undefined
    return { title, ...(count ? { count } : {}), ...(back ? { back } : {}) }
  }

  function sendError(reply: FastifyReply, status: number, lang: Lang, code: ErrorCode) {
    const page: PageText = { title: ERROR_TITLE, body: ERRORS[code].message }
    return sendPage(reply, frame(), status, { lang, page, petitionsPath: frame()?.pathFor(lang, 'petitions') })
  }

  for (const action of ['confirm', 'withdraw'] as const) {
    const path = `/signatures/${action}`
    const invalid: ErrorCode = action === 'confirm' ? 'WEGOV_CONFIRMATION_INVALID' : 'WEGOV_WITHDRAWAL_INVALID'

    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const { token, lang } = request.query as { token?: unknown; lang?: unknown }
      const linkLang = isLang(lang) ? lang : DEFAULT_LANG
      const signature = typeof token === 'string' ? await app.signatures.findLinked(action, token) : undefined
      if (typeof token !== 'string' || !signature) return sendError(reply, 400, linkLang, invalid)
      // The signer's language, as stored with the signature; the form carries it to the next page.
      const petition = await petitionShown(signature, signature.locale, false)
      return sendPage(reply, frame(), 200, { lang: signature.locale, page: PAGES[action], petition, form: { action: path, token } })
    })

    app.post(
      path,
      { schema: { hide: true }, config: { rateLimit: action === 'confirm' ? rateLimits.confirm : rateLimits.withdraw } },
      async (request, reply) => {
        const form = (request.body ?? {}) as { token?: unknown; lang?: unknown }
        const formLang = isLang(form.lang) ? form.lang : undefined
        const token = typeof form.token === 'string' ? form.token : ''
        try {
          // The service drops this instance's cached count and count replies before the count is read below.
          const signature = action === 'confirm' ? await app.signatures.confirm({ token }) : await app.signatures.withdraw(token)
          const lang = formLang ?? signature.locale
          const petition = await petitionShown(signature, lang, true)
          return sendPage(reply, frame(), 200, { lang, page: action === 'confirm' ? PAGES.confirmed : PAGES.withdrawn, petition })
        } catch (error) {
          if (!(error instanceof WeGovError)) throw error
          return sendError(reply, error.status, formLang ?? DEFAULT_LANG, error.code)
        }
      },
    )
  }
}

/** The page a signature came from, if it is one a link may lead to: http(s) only, nothing else. */
export function safePageUrl(raw: string | null): string | undefined {
  if (!raw) return undefined
  try {
    const url = new URL(raw)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined
  } catch {
    return undefined
  }
}

function sendPage(reply: FastifyReply, frame: PageFrame | null, status: number, view: PageView) {
  return reply.code(status).headers(PAGE_HEADERS).send(confirmationPageHtml(frame, view))
}
