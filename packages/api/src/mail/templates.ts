import { escapeHtml } from '../content/escape.js'
import type { Lang } from '../db/schema.js'
import { directionOf } from '../i18n/languages.js'

/** What the outbox keeps for a confirmation email until it is delivered (then the row is deleted). */
export interface ConfirmationMailPayload {
  petitionId: string
  firstName: string
  token: string
  code: string
  withdrawToken: string
  /** The public origin the links point to. */
  baseUrl: string
  expiresInDays: number
}

export interface RenderedMail {
  subject: string
  text: string
  html: string
  /** Machine-readable parts, kept by the development mailbox so tests and developers need not parse. */
  meta: { code: string | null; links: Record<string, string> }
}

interface Words {
  subject: (title: string) => string
  hello: (name: string) => string
  intro: (title: string) => string
  button: string
  codeIntro: string
  expiry: (days: number) => string
  notYou: string
  withdraw: string
  signature: string
}

const WORDS: Record<Lang, Words> = {
  en: {
    subject: (title) => `Confirm your signature: ${title}`,
    hello: (name) => `Hello ${name},`,
    intro: (title) => `Thank you for signing the petition “${title}”. Your signature counts only once you confirm it.`,
    button: 'Confirm my signature',
    codeIntro: 'Or type this code where you signed:',
    expiry: (days) => `This link and this code are valid for ${days} days.`,
    notYou: 'If you did not sign, ignore this email: nothing will be counted and your address will not be kept.',
    withdraw: 'Changed your mind? Withdraw your signature at any time:',
    signature: 'WeGov',
  },
  fr: {
    subject: (title) => `Confirmez votre signature : ${title}`,
    hello: (name) => `Bonjour ${name},`,
    intro: (title) => `Merci d’avoir signé la pétition « ${title} ». Votre signature ne compte qu’une fois confirmée.`,
    button: 'Confirmer ma signature',
    codeIntro: 'Ou saisissez ce code là où vous avez signé :',
    expiry: (days) => `Ce lien et ce code sont valables ${days} jours.`,
    notYou: 'Si vous n’avez pas signé, ignorez ce message : rien ne sera compté et votre adresse ne sera pas conservée.',
    withdraw: 'Vous changez d’avis ? Retirez votre signature à tout moment :',
    signature: 'WeGov',
  },
  ar: {
    subject: (title) => `أكّد توقيعك: ${title}`,
    hello: (name) => `مرحبًا ${name}،`,
    intro: (title) => `شكرًا لتوقيعك على العريضة «${title}». لا يُحتسب توقيعك إلا بعد تأكيده.`,
    button: 'تأكيد توقيعي',
    codeIntro: 'أو أدخل هذا الرمز حيث وقّعت:',
    expiry: (days) => `هذا الرابط وهذا الرمز صالحان لمدة ${days} أيام.`,
    notYou: 'إذا لم تكن أنت من وقّع، فتجاهل هذه الرسالة: لن يُحتسب أي شيء ولن يُحتفظ بعنوانك.',
    withdraw: 'غيّرت رأيك؟ يمكنك سحب توقيعك في أي وقت:',
    signature: 'WeGov',
  },
}

export function confirmationLinks(payload: ConfirmationMailPayload, lang: Lang) {
  const base = payload.baseUrl.replace(/\/+$/, '')
  return {
    confirm: `${base}/signatures/confirm?token=${payload.token}&lang=${lang}`,
    withdraw: `${base}/signatures/withdraw?token=${payload.withdrawToken}&lang=${lang}`,
  }
}

/**
 * The double opt-in email, in the signer's language. The link opens a page that confirms with a POST:
 * mail scanners follow links in emails, and a GET that confirmed would confirm for them.
 */
export function renderConfirmationMail(payload: ConfirmationMailPayload, lang: Lang, petitionTitle: string): RenderedMail {
  const words = WORDS[lang]
  const links = confirmationLinks(payload, lang)
  const dir = directionOf(lang)
  const text = [
    words.hello(payload.firstName),
    '',
    words.intro(petitionTitle),
    '',
    `${words.button}: ${links.confirm}`,
    '',
    `${words.codeIntro} ${payload.code}`,
    words.expiry(payload.expiresInDays),
    '',
    words.notYou,
    '',
    `${words.withdraw} ${links.withdraw}`,
    '',
    `— ${words.signature}`,
  ].join('\n')

  const html = `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(words.subject(petitionTitle))}</title></head>
<body style="margin:0;padding:24px;font-family:system-ui,-apple-system,'Segoe UI',Tahoma,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff" dir="${dir}">
<div style="max-width:560px;margin:0 auto;text-align:${dir === 'rtl' ? 'right' : 'left'}">
<p>${escapeHtml(words.hello(payload.firstName))}</p>
<p>${escapeHtml(words.intro(petitionTitle))}</p>
<p style="margin:28px 0"><a href="${escapeHtml(links.confirm)}" style="background:#0b5cad;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(words.button)}</a></p>
<p>${escapeHtml(words.codeIntro)}</p>
<p style="font-size:28px;letter-spacing:6px;font-weight:700;direction:ltr;unicode-bidi:isolate" dir="ltr">${escapeHtml(payload.code)}</p>
<p style="color:#555555">${escapeHtml(words.expiry(payload.expiresInDays))}</p>
<p style="color:#555555">${escapeHtml(words.notYou)}</p>
<p style="color:#555555">${escapeHtml(words.withdraw)} <a href="${escapeHtml(links.withdraw)}">${escapeHtml(links.withdraw)}</a></p>
<p>— ${escapeHtml(words.signature)}</p>
</div>
</body>
</html>
`
  return { subject: words.subject(petitionTitle), text, html, meta: { code: payload.code, links } }
}

