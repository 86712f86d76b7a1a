import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { escapeHtml } from '../../content/escape.js'
import type { Lang } from '../../db/schema.js'
import { ERRORS, type ErrorCode, WeGovError } from '../../errors.js'
import { DEFAULT_LANG, LANGS, directionOf, isLang } from '../../i18n/languages.js'
import { rateLimits } from '../abuse/rate-limits.js'
import type { PetitionsContext } from '../petitions/petitions-context.js'
import { confirmByToken, withdrawByToken } from './confirmation.js'
import { TOKEN_PATTERN } from './signer-keys.js'

type Texts = Record<Lang, string>

interface PageText {
  title: Texts
  body: Texts
  button?: Texts
}

const PAGES = {
  confirm: {
    title: { en: 'Confirm your signature', fr: 'Confirmez votre signature', ar: 'أكّد توقيعك' },
    body: {
      en: 'One last step: press the button to confirm your signature.',
      fr: 'Dernière étape : appuyez sur le bouton pour confirmer votre signature.',
      ar: 'خطوة أخيرة: اضغط على الزر لتأكيد توقيعك.',
    },
    button: { en: 'Confirm my signature', fr: 'Confirmer ma signature', ar: 'تأكيد توقيعي' },
  },
  confirmed: {
    title: { en: 'Thank you!', fr: 'Merci !', ar: 'شكرًا!' },
    body: { en: 'Your signature is confirmed and counted.', fr: 'Votre signature est confirmée et comptée.', ar: 'تمّ تأكيد توقيعك واحتسابه.' },
  },
  withdraw: {
    title: { en: 'Withdraw your signature', fr: 'Retirer votre signature', ar: 'سحب توقيعك' },
    body: {
      en: 'Press the button to withdraw your signature. Your personal data will be deleted.',
      fr: 'Appuyez sur le bouton pour retirer votre signature. Vos données personnelles seront supprimées.',
      ar: 'اضغط على الزر لسحب توقيعك. ستُحذف بياناتك الشخصية.',
    },
    button: { en: 'Withdraw my signature', fr: 'Retirer ma signature', ar: 'سحب توقيعي' },
  },
  withdrawn: {
    title: { en: 'Signature withdrawn', fr: 'Signature retirée', ar: 'تمّ سحب التوقيع' },
    body: {
      en: 'Your signature has been withdrawn and your personal data deleted.',
      fr: 'Votre signature a été retirée et vos données personnelles supprimées.',
      ar: 'تمّ سحب توقيعك وحذف بياناتك الشخصية.',
    },
  },
} satisfies Record<string, PageText>

const ERROR_TITLE: Texts = { en: 'This did not work', fr: 'Cela n’a pas fonctionné', ar: 'لم تنجح العملية' }

/**
 * The pages the links in confirmation emails open. A GET only shows a page with a button; the button
 * POSTs. Mail security scanners follow every link in an email, and a GET that confirmed (or withdrew)
 * would do it for them (alphagov/e-petitions#1661). Plain HTML forms, no script: they work in any mail
 * app's browser. The three languages are shown, the signer's first.
 */
export const confirmationPages: FastifyPluginAsync<{ context: PetitionsContext }> = async (app, { context }) => {
  // Scoped to these routes: the JSON API keeps refusing form bodies with 415.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 2048 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))))
  })

  for (const action of ['confirm', 'withdraw'] as const) {
    const path = `/signatures/${action}`
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const { token, lang } = request.query as { token?: unknown; lang?: unknown }
      const first = isLang(lang) ? lang : DEFAULT_LANG
      if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) {
        const code = action === 'confirm' ? 'WEGOV_CONFIRMATION_INVALID' : 'WEGOV_WITHDRAWAL_INVALID'
        return sendPage(reply, 400, first, errorPage(code))
      }
      return sendPage(reply, 200, first, PAGES[action], { action: path, token, lang: first })
    })

    app.post(
      path,
      { schema: { hide: true }, config: { rateLimit: action === 'confirm' ? rateLimits.confirm : rateLimits.withdraw } },
      async (request, reply) => {
        const form = (request.body ?? {}) as { token?: unknown; lang?: unknown }
        const first = isLang(form.lang) ? form.lang : DEFAULT_LANG
        const token = typeof form.token === 'string' ? form.token : ''
        try {
          if (action === 'confirm') {
            const { petitionId } = await confirmByToken(app.db, token, context.config.pendingSignatureDays)
            context.signaturesChanged(petitionId)
            return sendPage(reply, 200, first, PAGES.confirmed)
          }
          const { petitionId } = await withdrawByToken(app.db, token)
          context.signaturesChanged(petitionId)
          return sendPage(reply, 200, first, PAGES.withdrawn)
        } catch (error) {
          if (!(error instanceof WeGovError)) throw error
          return sendPage(reply, error.status, first, errorPage(error.code))
        }
      },
    )
  }
}

function errorPage(code: ErrorCode): PageText {
  return { title: ERROR_TITLE, body: ERRORS[code].message }
}

function sendPage(reply: FastifyReply, status: number, first: Lang, page: PageText, form?: { action: string; token: string; lang: Lang }) {
  const order = [first, ...LANGS.filter((lang) => lang !== first)]
  const sections = order
    .map((lang) => {
      const button = page.button && form
        ? `<form method="post" action="${form.action}"><input type="hidden" name="token" value="${escapeHtml(form.token)}"><input type="hidden" name="lang" value="${lang}"><button type="submit">${escapeHtml(page.button[lang])}</button></form>`
        : ''
      return `<section lang="${lang}" dir="${directionOf(lang)}"><h1>${escapeHtml(page.title[lang])}</h1><p>${escapeHtml(page.body[lang])}</p>${button}</section>`
    })
    .join('\n')
  const html = `<!doctype html>
<html lang="${first}" dir="${directionOf(first)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(page.title[first])} · WeGov</title>
<style>body{margin:0;padding:24px;font-family:system-ui,-apple-system,'Segoe UI',Tahoma,Arial,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}section{max-width:520px;margin:0 auto 28px;padding-bottom:20px;border-bottom:1px solid #ddd}section:last-child{border:0}h1{font-size:1.4rem}button{font:inherit;font-weight:600;padding:12px 20px;border:0;border-radius:6px;background:#0b5cad;color:#fff;cursor:pointer;min-height:44px}</style></head>
<body>
${sections}
</body>
</html>
`
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
    .send(html)
}
