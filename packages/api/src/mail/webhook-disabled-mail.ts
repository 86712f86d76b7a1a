import type { Lang, TranslatedText } from '../db/schema.js'
import { DEFAULT_LANG, isLang, localize } from '../i18n/languages.js'
import { actionLink, literal, mailDocument, paragraph, sentenceHtml } from './mail-html.js'
import type { MailRenderer } from './mail-kinds.js'
import type { RenderedMail } from './templates.js'

/**
 * What the outbox keeps when WeGov disables a webhook endpoint (domains/webhooks/webhook-outbox.ts): the
 * endpoint's URL and why, the organisation's name as it was, and where the console is.
 */
export interface WebhookDisabledMailPayload {
  url: string
  reason: 'gone' | 'failing'
  organisationName: TranslatedText
  originalLang: Lang
  baseUrl: string
}

interface Words {
  subject: (organisation: string) => string
  disabled: (url: string, organisation: string) => string
  gone: string
  failing: string
  next: string
  button: string
}

const WORDS: Record<Lang, Words> = {
  en: {
    subject: (organisation) => `A webhook of ${organisation} was disabled`,
    disabled: (url, organisation) => `WeGov stopped sending events to ${url}, a webhook endpoint of ${organisation}.`,
    gone: 'The endpoint answered 410 Gone, which asks WeGov to stop.',
    failing: 'Every delivery to it has failed for a day.',
    next: 'Once it works again, enable it in the console: the deliveries it missed can be sent again from its delivery log.',
    button: 'Open the WeGov console',
  },
  fr: {
    subject: (organisation) => `Un webhook de ${organisation} a été désactivé`,
    disabled: (url, organisation) => `WeGov a cessé d’envoyer des événements à ${url}, un point de terminaison webhook de ${organisation}.`,
    gone: 'Le point de terminaison a répondu 410 Gone, ce qui demande à WeGov d’arrêter.',
    failing: 'Toutes les livraisons ont échoué pendant une journée.',
    next: 'Quand il fonctionnera de nouveau, réactivez-le dans la console : les livraisons manquées peuvent être renvoyées depuis son journal.',
    button: 'Ouvrir la console WeGov',
  },
  ar: {
    subject: (organisation) => `تم تعطيل ويب هوك تابع لـ ${organisation}`,
    disabled: (url, organisation) => `توقّف WeGov عن إرسال الأحداث إلى ${url}، وهو عنوان ويب هوك تابع لـ ${organisation}.`,
    gone: 'أجاب العنوان بالرمز 410 Gone، وهو طلب بالتوقف عن الإرسال.',
    failing: 'فشلت كل عمليات الإرسال إليه طوال يوم كامل.',
    next: 'عندما يعمل من جديد، فعّله من لوحة الإدارة: يمكن إعادة إرسال ما فاته من سجل الإرسال.',
    button: 'فتح لوحة إدارة WeGov',
  },
}

export function renderWebhookDisabledMail(payload: WebhookDisabledMailPayload, lang: Lang): RenderedMail {
  const words = WORDS[lang]
  const organisation = (localize(payload.organisationName, lang, payload.originalLang)?.text ?? '').replace(/\s+/g, ' ')
  const link = `${payload.baseUrl.replace(/\/+$/, '')}/console/?lang=${lang}`
  const subject = words.subject(organisation)
  const why = payload.reason === 'gone' ? words.gone : words.failing
  const text = [words.disabled(payload.url, organisation), why, '', words.next, '', `${words.button}: ${link}`, '', '— WeGov'].join('\n')
  const html = mailDocument(
    lang,
    subject,
    [
      `<p>${sentenceHtml((url, name) => words.disabled(url!, name!), [payload.url, organisation])}</p>`,
      paragraph(why),
      paragraph(words.next),
      actionLink(link, words.button),
      `<p style="color:#555555">${literal(link)}</p>`,
      '<p>— WeGov</p>',
    ].join('\n'),
  )
  return { subject, text, html, meta: { code: null, links: { console: link } } }
}

export const webhookDisabledMail: MailRenderer = async (_db, mails) =>
  mails.map((mail) => renderWebhookDisabledMail(mail.payload as WebhookDisabledMailPayload, isLang(mail.locale) ? mail.locale : DEFAULT_LANG))
