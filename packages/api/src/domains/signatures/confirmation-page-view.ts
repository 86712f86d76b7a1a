import { escapeHtml } from '../../content/escape.js'
import type { Lang } from '../../db/schema.js'
import { type LocalizedText, directionOf } from '../../i18n/languages.js'
import type { PageFrame } from '../../http/browser-not-found.js'
import { type PageText, WORDS } from './confirmation-texts.js'

/** The petition a page is about, as the signer may see it. */
export interface PetitionShown {
  title: LocalizedText
  /** After a confirmation or a withdrawal: the count that includes it. */
  count?: { total: number; goal: number }
  /** Where "back" leads: the page the signer signed from, or the petition's portal page. */
  back?: { href: string; toSource: boolean }
}

export interface PageView {
  lang: Lang
  page: PageText
  petition?: PetitionShown | undefined
  /** The button that does it (a POST): confirm and withdraw pages. */
  form?: { action: string; token: string } | undefined
  /** Where to go when the petition is not known (error pages). */
  petitionsPath?: string | undefined
}

/** Text in its own language, marked when that is not the page's (a title only in French on an Arabic page). */
function langAttrs(text: LocalizedText, lang: Lang): string {
  return text.lang === lang ? '' : ` lang="${text.lang}" dir="${text.dir}"`
}

function petitionCard({ lang, petition }: PageView): string {
  if (!petition) return ''
  const number = new Intl.NumberFormat(lang)
  const count = petition.count
    ? `<p class="progress-label" data-count="${petition.count.total}">${escapeHtml(
        WORDS.count[lang].replace('{count}', number.format(petition.count.total)).replace('{goal}', number.format(petition.count.goal)),
      )}</p>`
    : ''
  return `<div class="card">
<p class="card__meta"><span class="badge">${escapeHtml(WORDS.petition[lang])}</span></p>
<h2 class="card__title"${langAttrs(petition.title, lang)}>${escapeHtml(petition.title.text)}</h2>
${count}
</div>`
}

function backLink({ lang, petition, petitionsPath }: PageView): string {
  const back = petition?.back
  if (back) {
    // The partner's address is shown as what it is, an address: left to right, whatever the page's direction.
    const where = back.toSource ? ` <span dir="ltr">(${escapeHtml(new URL(back.href).host)})</span>` : ''
    const words = back.toSource ? WORDS.backToSource[lang] : WORDS.backToPetition[lang]
    return `<p class="actions"><a class="button button--secondary" href="${escapeHtml(back.href)}" data-link="back">${escapeHtml(words)}${where}</a></p>`
  }
  if (petitionsPath) return `<p class="more"><a href="${escapeHtml(petitionsPath)}" data-link="petitions">${escapeHtml(WORDS.allPetitions[lang])}</a></p>`
  return ''
}

/** The main landmark's content: what happened, the petition, the button or the way back. */
function mainMarkup(view: PageView): string {
  const { lang, page, form } = view
  const button =
    page.button && form
      ? `<form method="post" action="${form.action}"><input type="hidden" name="token" value="${escapeHtml(form.token)}"><input type="hidden" name="lang" value="${lang}"><p class="actions"><button class="button" type="submit">${escapeHtml(page.button[lang])}</button></p></form>`
      : ''
  return `<div class="item">
<h1>${escapeHtml(page.title[lang])}</h1>
<p class="lead">${escapeHtml(page.body[lang])}</p>
${petitionCard(view)}
${button}
${backLink(view)}
</div>`
}

/**
 * A whole page in the signer's language, in the portal's frame (its template, stylesheet, header and
 * footer) when the portal's files are there, else on its own.
 */
export function confirmationPageHtml(frame: PageFrame | null, view: PageView): string {
  const { lang, page } = view
  const title = `${escapeHtml(page.title[lang])} · WeGov`
  const head = `<title>${title}</title>\n<meta name="robots" content="noindex">`
  const htmlTag = `<html lang="${lang}" dir="${directionOf(lang)}">`
  if (!frame) {
    return `<!doctype html>\n${htmlTag}\n<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${head}</head>\n<body>\n<main id="main">\n${mainMarkup(view)}\n</main>\n</body>\n</html>\n`
  }
  return frame.page({ lang, page: 'signature', head, main: mainMarkup(view) })
}
