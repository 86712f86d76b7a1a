import { escapeHtml } from '../content/escape.js'
import type { Lang } from '../db/schema.js'
import { directionOf, isLang } from '../i18n/languages.js'
// Types only: mail-kinds.ts imports this file to register the kind.
import type { MailRenderer } from './mail-kinds.js'
import type { RenderedMail } from './templates.js'

/** What the outbox keeps for a sign-in email until it is delivered (then the row is deleted). */
export interface SignInCodeMailPayload {
  code: string
  token: string
  /** The public origin the link points to. */
  baseUrl: string
  expiresInMinutes: number
}

interface Words {
  subject: (code: string) => string
  intro: string
  codeIntro: string
  button: string
  expiry: (minutes: number) => string
  notYou: string
  signature: string
}

const WORDS: Record<Lang, Words> = {
  en: {
    subject: (code) => `Your WeGov sign-in code: ${code}`,
    intro: 'Someone, probably you, asked to sign in to WeGov with this email address.',
    codeIntro: 'Type this code on the sign-in page:',
    button: 'Sign in to WeGov',
    expiry: (minutes) => `This code and this link are valid for ${minutes} minutes, and can be used once.`,
    notYou: 'If you did not ask for it, ignore this email: nobody can sign in without this code.',
    signature: 'WeGov',
  },
  fr: {
    subject: (code) => `Votre code de connexion WeGov : ${code}`,
    intro: 'Quelqu’un, sans doute vous, a demandé à se connecter à WeGov avec cette adresse e-mail.',
    codeIntro: 'Saisissez ce code sur la page de connexion :',
    button: 'Me connecter à WeGov',
    expiry: (minutes) => `Ce code et ce lien sont valables ${minutes} minutes, pour une seule utilisation.`,
    notYou: 'Si vous n’avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce code.',
    signature: 'WeGov',
  },
  ar: {
    subject: (code) => `رمز تسجيل الدخول إلى WeGov: ${code}`,
    intro: 'طلب شخص ما، وعلى الأرجح أنت، تسجيل الدخول إلى WeGov بعنوان البريد الإلكتروني هذا.',
    codeIntro: 'أدخل هذا الرمز في صفحة تسجيل الدخول:',
    button: 'تسجيل الدخول إلى WeGov',
    expiry: (minutes) => `هذا الرمز وهذا الرابط صالحان لمدة ${minutes} دقائق، ولاستعمال واحد فقط.`,
    notYou: 'إذا لم تطلب ذلك، فتجاهل هذه الرسالة: لا يمكن لأحد تسجيل الدخول دون هذا الرمز.',
    signature: 'WeGov',
  },
}

/**
 * The link opens the console's sign-in page, which signs in with a POST when its button is pressed:
 * mail scanners follow links, and a GET that signed in would sign them in.
 */
export function signInLink(payload: SignInCodeMailPayload, lang: Lang): string {
  return `${payload.baseUrl.replace(/\/+$/, '')}/console/sign-in?token=${encodeURIComponent(payload.token)}&lang=${lang}`
}

/** The sign-in email, in the language asked for; the code and the link always read left to right. */
export function renderSignInCodeMail(payload: SignInCodeMailPayload, lang: Lang): RenderedMail {
  const words = WORDS[lang]
  const link = signInLink(payload, lang)
  const dir = directionOf(lang)
  const subject = words.subject(payload.code)
  const text = [
    words.intro,
    '',
    words.codeIntro,
    payload.code,
    '',
    `${words.button}: ${link}`,
    '',
    words.expiry(payload.expiresInMinutes),
    words.notYou,
    '',
    `— ${words.signature}`,
  ].join('\n')

  const html = `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;font-family:system-ui,-apple-system,'Segoe UI',Tahoma,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff" dir="${dir}">
<div style="max-width:560px;margin:0 auto;text-align:${dir === 'rtl' ? 'right' : 'left'}">
<p>${escapeHtml(words.intro)}</p>
<p>${escapeHtml(words.codeIntro)}</p>
<p style="font-size:32px;letter-spacing:6px;font-weight:700;direction:ltr;unicode-bidi:isolate" dir="ltr">${escapeHtml(payload.code)}</p>
<p style="margin:28px 0"><a href="${escapeHtml(link)}" style="background:#0b5cad;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(words.button)}</a></p>
<p style="color:#555555">${escapeHtml(words.expiry(payload.expiresInMinutes))}</p>
<p style="color:#555555">${escapeHtml(words.notYou)}</p>
<p>— ${escapeHtml(words.signature)}</p>
</div>
</body>
</html>
`
  return { subject, text, html, meta: { code: payload.code, links: { signIn: link } } }
}

/** Nothing to look up: everything the message says is in its payload. */
export const signInCodeMail: MailRenderer = async (_db, mails) => mails.map((mail) => renderSignInCodeMail(mail.payload as SignInCodeMailPayload, isLang(mail.locale) ? mail.locale : 'fr'))
