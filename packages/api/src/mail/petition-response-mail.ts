import { escapeHtml } from '../content/escape.js'
import { htmlToText } from '../content/rich-text.js'
import type { Lang } from '../db/schema.js'
import { fileUrl } from '../domains/files/organisation-files.js'
import { petitionResponses } from '../domains/petitions/petition-facts.js'
import { DEFAULT_LANG, isLang, localize } from '../i18n/languages.js'
import { actionLink, literal, mailDocument, paragraph, sentenceHtml } from './mail-html.js'
import type { MailRenderer } from './mail-kinds.js'
import type { RenderedMail } from './templates.js'

/** What the outbox keeps for a response email: the response itself is read from the petition when sent. */
export interface PetitionResponseMailPayload {
  petitionId: string
  /** The public origin the document link points to. */
  baseUrl: string
}

interface Words {
  subject: (title: string) => string
  intro: (title: string) => string
  when: (date: string) => string
  translated: string
  document: string
  why: string
}

const WORDS: Record<Lang, Words> = {
  en: {
    subject: (title) => `The petition “${title}” received a response`,
    intro: (title) => `The petition “${title}”, which you signed, received an official response.`,
    when: (date) => `Response given on ${date}:`,
    translated: 'Its original language is not yours: here is the text as written.',
    document: 'Read the response document',
    why: 'You receive this email because you asked, when signing, to be told about this petition’s response. It is the only one.',
  },
  fr: {
    subject: (title) => `La pétition « ${title} » a reçu une réponse`,
    intro: (title) => `La pétition « ${title} », que vous avez signée, a reçu une réponse officielle.`,
    when: (date) => `Réponse donnée le ${date} :`,
    translated: 'Elle n’existe pas dans votre langue : voici le texte tel qu’il a été écrit.',
    document: 'Lire le document de la réponse',
    why: 'Vous recevez ce message parce que vous avez demandé, en signant, à être informé·e de la réponse à cette pétition. C’est le seul.',
  },
  ar: {
    subject: (title) => `تلقّت العريضة «${title}» ردًّا`,
    intro: (title) => `تلقّت العريضة «${title}» التي وقّعت عليها ردًّا رسميًّا.`,
    when: (date) => `تاريخ الرد ${date}:`,
    translated: 'الرد غير متوفر بلغتك: إليك النص كما كُتب.',
    document: 'قراءة وثيقة الرد',
    why: 'تصلك هذه الرسالة لأنك طلبت عند التوقيع أن تُبلَّغ بالرد على هذه العريضة. ولن تصلك غيرها.',
  },
}

export interface ResponseFacts {
  title: string
  /** The response as plain text, in the reader's language or the one it exists in. */
  text: string
  /** Whether `text` is in `lang` (else it is the original, and the email says so). */
  inLang: boolean
  respondedAt: Date
  documentUrl: string | null
}

/** The response, in the signer's language (right to left in Arabic); the response's text keeps its own direction. */
export function renderPetitionResponseMail(lang: Lang, facts: ResponseFacts): RenderedMail {
  const words = WORDS[lang]
  const date = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-TN' : lang, { dateStyle: 'long', timeZone: 'UTC' }).format(facts.respondedAt)
  const subject = words.subject(facts.title)
  const text = [
    words.intro(facts.title),
    '',
    words.when(date),
    ...(facts.inLang ? [] : [words.translated]),
    '',
    ...facts.text.split('\n').map((line) => `> ${line}`),
    '',
    ...(facts.documentUrl ? [`${words.document}: ${facts.documentUrl}`, ''] : []),
    words.why,
    '',
    '— WeGov',
  ].join('\n')
  const html = mailDocument(
    lang,
    subject,
    [
      `<p>${sentenceHtml((title) => words.intro(title!), [facts.title])}</p>`,
      paragraph(words.when(date)),
      ...(facts.inLang ? [] : [paragraph(words.translated, true)]),
      `<blockquote dir="auto" style="margin:0 0 16px;padding:8px 16px;border-inline-start:4px solid #cccccc;white-space:pre-line">${escapeHtml(facts.text)}</blockquote>`,
      ...(facts.documentUrl ? [actionLink(facts.documentUrl, words.document), `<p style="color:#555555">${literal(facts.documentUrl)}</p>`] : []),
      paragraph(words.why, true),
      '<p>— WeGov</p>',
    ].join('\n'),
  )
  return { subject, text, html, meta: { code: null, links: facts.documentUrl ? { document: facts.documentUrl } : {} } }
}

/** Renders queued response emails from their petitions' rows; none for a petition gone or without a response. */
export const petitionResponseMail: MailRenderer = async (db, mails) => {
  const payloads = mails.map((mail) => mail.payload as PetitionResponseMailPayload)
  const byId = await petitionResponses(db, [...new Set(payloads.map((payload) => payload.petitionId))])
  return mails.map((mail, index) => {
    const payload = payloads[index]!
    const petition = byId.get(payload.petitionId)
    if (!petition?.response || !petition.responded_at) return null
    // Not mail-kinds' mailLang: this module is imported by mail-kinds, and must not import it back.
    const lang = isLang(mail.locale) ? mail.locale : DEFAULT_LANG
    const title = (localize(petition.title, lang, petition.original_lang)?.text ?? '').replace(/\s+/g, ' ')
    const response = localize(petition.response, lang, petition.response_original_lang ?? petition.original_lang)
    if (!response) return null
    return renderPetitionResponseMail(lang, {
      title,
      text: htmlToText(response.text),
      inLang: response.lang === lang,
      respondedAt: petition.responded_at,
      documentUrl: petition.response_document_id ? fileUrl(payload.baseUrl.replace(/\/+$/, ''), petition.response_document_id) : null,
    })
  })
}
