import { escapeHtml, html, raw } from './html.js'
import { directionOf } from './i18n.js'

/**
 * Intl formatters for one page language, and the marking of text that is not in that language.
 * Instants are written in UTC on the server (it cannot know the visitor's time zone); the browser
 * rewrites every <time data-instant> into the visitor's own zone (portal.js).
 */
/** dateStyle cannot be combined with timeZoneName, and the zone must show: the parts are spelled out. */
export const INSTANT = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }

export function formatters(lang) {
  const safe = (read, fallback) => {
    try {
      return read() ?? fallback
    } catch {
      return fallback
    }
  }
  const number = new Intl.NumberFormat(lang)
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' })
  const instant = new Intl.DateTimeFormat(lang, { ...INSTANT, timeZone: 'UTC' })
  const regions = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' })
  const languages = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' })
  // The long style: "A, B and C", never the short style's "&".
  const list = new Intl.ListFormat(lang, { type: 'conjunction', style: 'long' })
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte']
  return {
    number: (value) => number.format(value),
    date: (iso) => date.format(new Date(`${String(iso).slice(0, 10)}T00:00:00Z`)),
    instant: (iso) => instant.format(new Date(iso)),
    country: (code) => safe(() => regions.of(String(code).toUpperCase()), code),
    language: (code) => safe(() => languages.of(code), code),
    list: (items) => list.format(items),
    money: (amount, currency) => safe(() => money(lang, amount, currency), `${number.format(amount)} ${currency}`),
    minutes: (seconds) => new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(Math.round(seconds / 60)),
    fileSize(bytes) {
      let index = 0
      let value = bytes
      while (value >= 1024 && index < units.length - 1) {
        value /= 1024
        index++
      }
      return new Intl.NumberFormat(lang, { style: 'unit', unit: units[index], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value)
    },
    /** A media type as people say it: application/pdf → PDF. */
    fileType: (type) => (String(type).split('/')[1] ?? type).replace(/^vnd\..*\./, '').toUpperCase(),
  }
}

/**
 * An amount in the currency's usual decimals, or none when the amount is whole: budgets are round
 * figures, and "TND 420,000.000" reads as a precision nobody meant. The widgets format money the same way
 * (packages/widgets/src/shared/format.ts).
 */
function money(lang, amount, currency) {
  const whole = Number.isInteger(amount) ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}
  return new Intl.NumberFormat(lang, { style: 'currency', currency, ...whole }).format(amount)
}

/** A <time> for an instant, rewritten into the visitor's time zone once the page runs. */
export function instantTime(iso, format) {
  return html`<time datetime="${iso}" data-instant>${format.instant(iso)}</time>`
}

export function dateTime(isoDate, format) {
  return html`<time datetime="${String(isoDate).slice(0, 10)}">${format.date(isoDate)}</time>`
}

/** True when the API fell back to another language than the page's for this text. */
export function isForeign(value, lang) {
  return Boolean(value) && value.lang !== lang
}

/** The small visible note after text in another language, in the page's own language. */
export function fallbackBadge(value, lang, t) {
  return isForeign(value, lang)
    ? html` <span class="fallback" lang="${lang}" dir="${directionOf(lang)}">(${t(`in.${value.lang}`)})</span>`
    : ''
}

/** The status badge, and beside it "Awaiting response" once the API says the petition waits for one. */
export function petitionBadges(t, petition) {
  return html`<span class="badge">${t(`petition.status.${petition.status}`)}</span>${
    petition.awaitingResponse ? html` <span class="badge">${t('petition.awaitingResponse')}</span>` : ''
  }`
}

/** Inline text from the API: its own lang and dir when it is not in the page's language. */
export function inline(value, lang, t) {
  if (!value) return ''
  if (!isForeign(value, lang)) return html`${value.text}`
  return html`<span lang="${value.lang}" dir="${value.dir}">${value.text}</span>${fallbackBadge(value, lang, t)}`
}

/**
 * Attributes for a block holding one text from the API. A fallback is in a known language: its lang and
 * that language's dir. Text in the page's language gets dir="auto": whoever wrote it may have typed
 * another script (an English summary in the Arabic field), and the block's alignment and line ends must
 * follow the text, not the page. The widgets do the same (blockDir in packages/widgets).
 */
export function langAttrs(value, lang) {
  return isForeign(value, lang) ? raw(` lang="${escapeHtml(value.lang)}" dir="${escapeHtml(value.dir)}"`) : raw(' dir="auto"')
}

/** A card's title, linked: the heading takes the title's language and direction, as a block of it. */
export function cardTitle(tag, href, value, lang, t) {
  return html`<${tag} class="card__title"${langAttrs(value, lang)}><a href="${href}">${value.text}${fallbackBadge(value, lang, t)}</a></${tag}>`
}

/** Plain text with blank lines between paragraphs, as <p>s. */
export function paragraphs(text) {
  return String(text)
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => html`<p>${part}</p>`)
}

/** A vocabulary label in the page language (the code itself if the vocabulary does not know it). */
export function label(vocab, name, code) {
  return vocab?.[name]?.find((term) => term.code === code)?.label ?? code
}
