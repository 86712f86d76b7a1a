import { createHash } from 'node:crypto'
import { escapeHtml } from '../content/escape.js'
import type { Lang } from '../db/schema.js'
import { directionOf, isLang, LANGS } from '../i18n/languages.js'

/** One message as the page lists it. */
export interface MailboxMessage {
  subject: string
  locale: string
  code: string | null
  links: Record<string, string>
  createdAt: Date
}

interface Words {
  title: string
  intro: string
  languages: string
  address: string
  show: string
  messagesFor: string
  none: string
  code: string
  sent: string
  links: Record<string, string>
  link: string
}

const WORDS: Record<Lang, Words> = {
  en: {
    title: 'Development mailbox',
    intro: 'The emails WeGov would have sent, kept here because no mail server is configured. This page exists only in development.',
    languages: 'Language',
    address: 'Email address',
    show: 'Show the messages',
    messagesFor: 'Messages for',
    none: 'No message for this address yet. Ask for a code, then reload this page.',
    code: 'Code',
    sent: 'Sent',
    links: { signIn: 'Sign in with this link', confirm: 'Confirm the signature', withdraw: 'Withdraw the signature' },
    link: 'Link',
  },
  fr: {
    title: 'Boîte de réception de développement',
    intro: 'Les e-mails que WeGov aurait envoyés, gardés ici faute de serveur de messagerie configuré. Cette page n’existe qu’en développement.',
    languages: 'Langue',
    address: 'Adresse e-mail',
    show: 'Afficher les messages',
    messagesFor: 'Messages pour',
    none: 'Aucun message pour cette adresse pour l’instant. Demandez un code, puis rechargez cette page.',
    code: 'Code',
    sent: 'Envoyé',
    links: { signIn: 'Se connecter avec ce lien', confirm: 'Confirmer la signature', withdraw: 'Retirer la signature' },
    link: 'Lien',
  },
  ar: {
    title: 'صندوق البريد التجريبي',
    intro: 'الرسائل التي كان WeGov سيرسلها، محفوظة هنا لعدم إعداد خادم بريد. لا توجد هذه الصفحة إلا في بيئة التطوير.',
    languages: 'اللغة',
    address: 'عنوان البريد الإلكتروني',
    show: 'عرض الرسائل',
    messagesFor: 'الرسائل الموجّهة إلى',
    none: 'لا توجد رسائل لهذا العنوان بعد. اطلب رمزًا ثم أعد تحميل هذه الصفحة.',
    code: 'الرمز',
    sent: 'أُرسلت',
    links: { signIn: 'تسجيل الدخول بهذا الرابط', confirm: 'تأكيد التوقيع', withdraw: 'سحب التوقيع' },
    link: 'رابط',
  },
}

const LANGUAGE_NAMES: Record<Lang, string> = { ar: 'العربية', fr: 'Français', en: 'English' }

// Logical properties only, so the page mirrors in Arabic. Visible focus on every control.
const STYLE = `
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Tahoma,Arial,sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a;background:#fff}
header,main{max-inline-size:46rem;margin-inline:auto;padding-inline:1rem}
header ul{display:flex;gap:1rem;list-style:none;padding:0;margin-block:1rem}
a{color:#0b5cad}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #b45309;outline-offset:2px}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-block:1rem}
label{display:block;font-weight:600}
input{font:inherit;padding:.5rem;border:1px solid #595959;border-radius:4px;min-inline-size:16rem}
button{font:inherit;padding:.5rem 1rem;border:0;border-radius:4px;background:#0b5cad;color:#fff;cursor:pointer}
ol{list-style:none;padding:0}
article{border:1px solid #d0d0d0;border-radius:6px;padding:1rem;margin-block-end:1rem}
h3{margin-block:0 .5rem;font-size:1.1rem}
.code{font-size:2rem;font-weight:700;letter-spacing:.3em;font-family:ui-monospace,monospace}
.meta{color:#4a4a4a}
`
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64')

/** No script; only this page's style; the form goes back here only. */
export const DEV_MAILBOX_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
} as const

function pageUrl(to: string | undefined, lang: Lang): string {
  return `/dev/mailbox?${to ? `to=${encodeURIComponent(to)}&` : ''}lang=${lang}`
}

function message(mail: MailboxMessage, words: Words, lang: Lang): string {
  const mailLang: Lang = isLang(mail.locale) ? mail.locale : lang
  const sent = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(mail.createdAt)
  const links = Object.entries(mail.links)
    .map(([key, url]) => `<li><a href="${escapeHtml(url)}">${escapeHtml(words.links[key] ?? `${words.link} (${key})`)}</a></li>`)
    .join('')
  return `<li><article>
<h3 lang="${mailLang}" dir="${directionOf(mailLang)}">${escapeHtml(mail.subject)}</h3>
<p class="meta">${escapeHtml(words.sent)}: <time datetime="${mail.createdAt.toISOString()}">${escapeHtml(sent)} UTC</time></p>
${mail.code ? `<p>${escapeHtml(words.code)}: <span class="code" dir="ltr">${escapeHtml(mail.code)}</span></p>` : ''}
${links ? `<ul>${links}</ul>` : ''}
</article></li>`
}

/**
 * The development mailbox as a page for people: a form asking for the address, then its messages, newest
 * first, each with its code in large left-to-right digits and its links. In the reader's language, with
 * links to the two others.
 */
export function renderDevMailboxPage(lang: Lang, to: string | undefined, mails: readonly MailboxMessage[]): string {
  const words = WORDS[lang]
  const languages = LANGS.map(
    (other) =>
      `<li><a href="${escapeHtml(pageUrl(to, other))}" lang="${other}" hreflang="${other}"${other === lang ? ' aria-current="page"' : ''}>${LANGUAGE_NAMES[other]}</a></li>`,
  ).join('')
  const list = to === undefined ? '' : `<section aria-labelledby="messages">
<h2 id="messages">${escapeHtml(words.messagesFor)} <bdi dir="ltr">${escapeHtml(to)}</bdi></h2>
${mails.length === 0 ? `<p role="status">${escapeHtml(words.none)}</p>` : `<ol>${mails.map((mail) => message(mail, words, lang)).join('\n')}</ol>`}
</section>`
  return `<!doctype html>
<html lang="${lang}" dir="${directionOf(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(to ? `${words.title} – ${to}` : words.title)}</title><style>${STYLE}</style></head>
<body>
<header><nav aria-label="${escapeHtml(words.languages)}"><ul>${languages}</ul></nav></header>
<main>
<h1>${escapeHtml(words.title)}</h1>
<p>${escapeHtml(words.intro)}</p>
<form method="get" action="/dev/mailbox">
<div><label for="to">${escapeHtml(words.address)}</label>
<input id="to" name="to" type="email" dir="ltr" autocomplete="email" required value="${escapeHtml(to ?? '')}"></div>
<input type="hidden" name="lang" value="${lang}">
<button type="submit">${escapeHtml(words.show)}</button>
</form>
${list}
</main>
</body>
</html>
`
}
