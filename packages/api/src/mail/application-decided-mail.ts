import { escapeHtml } from '../content/escape.js'
import type { Lang } from '../db/schema.js'
import { applicationsToMail } from '../domains/organisations/mail-facts.js'
import { DEFAULT_LANG, isLang, localize } from '../i18n/languages.js'
import { actionLink, literal, mailDocument, paragraph, sentenceHtml } from './mail-html.js'
import type { MailRenderer } from './mail-kinds.js'
import type { RenderedMail } from './templates.js'

/** What the outbox keeps for a decision on a join application: the decision itself is read from its row. */
export interface ApplicationDecidedMailPayload {
  applicationId: string
  /** The public origin the link points to. */
  baseUrl: string
}

interface Words {
  hello: (name: string) => string
  approvedSubject: (organisation: string) => string
  approved: (organisation: string) => string
  approvedNext: string
  declinedSubject: (organisation: string) => string
  declined: (organisation: string) => string
  reason: string
  declinedNext: string
  button: string
}

const WORDS: Record<Lang, Words> = {
  en: {
    hello: (name) => (name ? `Hello ${name},` : 'Hello,'),
    approvedSubject: (organisation) => `Your application for ${organisation} is approved`,
    approved: (organisation) => `Your application to register ${organisation} on WeGov has been approved.`,
    approvedNext: 'You are now its owner: you can complete its profile and invite your team.',
    declinedSubject: (organisation) => `Your application for ${organisation} was declined`,
    declined: (organisation) => `Your application to register ${organisation} on WeGov was declined.`,
    reason: 'The reason given:',
    declinedNext: 'You may apply again at any time.',
    button: 'Open the WeGov console',
  },
  fr: {
    hello: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    approvedSubject: (organisation) => `Votre demande pour ${organisation} est acceptée`,
    approved: (organisation) => `Votre demande d’inscription de ${organisation} sur WeGov a été acceptée.`,
    approvedNext: 'Vous en êtes désormais propriétaire : vous pouvez compléter son profil et inviter votre équipe.',
    declinedSubject: (organisation) => `Votre demande pour ${organisation} a été refusée`,
    declined: (organisation) => `Votre demande d’inscription de ${organisation} sur WeGov a été refusée.`,
    reason: 'Motif indiqué :',
    declinedNext: 'Vous pouvez déposer une nouvelle demande à tout moment.',
    button: 'Ouvrir la console WeGov',
  },
  ar: {
    hello: (name) => (name ? `مرحبًا ${name}،` : 'مرحبًا،'),
    approvedSubject: (organisation) => `تم قبول طلبك الخاص بـ ${organisation}`,
    approved: (organisation) => `تم قبول طلب تسجيل ${organisation} على WeGov.`,
    approvedNext: 'أصبحت الآن مالكها: يمكنك استكمال ملفها التعريفي ودعوة فريقك.',
    declinedSubject: (organisation) => `تم رفض طلبك الخاص بـ ${organisation}`,
    declined: (organisation) => `تم رفض طلب تسجيل ${organisation} على WeGov.`,
    reason: 'السبب المذكور:',
    declinedNext: 'يمكنك تقديم طلب جديد في أي وقت.',
    button: 'فتح لوحة إدارة WeGov',
  },
}

export interface DecisionFacts {
  status: 'approved' | 'declined'
  organisationName: string
  applicantName: string
  /** The admin's reason, as they wrote it (declined only). */
  reason: string | null
}

/**
 * The decision, in the applicant's language (right to left in Arabic). A declined application quotes the
 * admin's reason as written, in its own direction (dir=auto): it may be in another language than the mail.
 */
export function renderApplicationDecidedMail(payload: ApplicationDecidedMailPayload, lang: Lang, facts: DecisionFacts): RenderedMail {
  const words = WORDS[lang]
  const link = `${payload.baseUrl.replace(/\/+$/, '')}/console/?lang=${lang}`
  const approved = facts.status === 'approved'
  const subject = (approved ? words.approvedSubject : words.declinedSubject)(facts.organisationName)
  const sentence = approved ? words.approved : words.declined
  const reason = approved ? null : (facts.reason ?? '')
  const hello = facts.applicantName ? sentenceHtml((name) => words.hello(name!), [facts.applicantName]) : escapeHtml(words.hello(''))

  const text = [
    words.hello(facts.applicantName),
    '',
    sentence(facts.organisationName),
    ...(approved ? [words.approvedNext] : ['', words.reason, ...reason!.split('\n').map((line) => `> ${line}`), '', words.declinedNext]),
    '',
    `${words.button}: ${link}`,
    '',
    '— WeGov',
  ].join('\n')
  const html = mailDocument(
    lang,
    subject,
    [
      `<p>${hello}</p>`,
      `<p>${sentenceHtml((organisation) => sentence(organisation!), [facts.organisationName])}</p>`,
      ...(approved
        ? [paragraph(words.approvedNext)]
        : [
            paragraph(words.reason),
            `<blockquote dir="auto" style="margin:0 0 16px;padding:8px 16px;border-inline-start:4px solid #cccccc;white-space:pre-line">${escapeHtml(reason!)}</blockquote>`,
            paragraph(words.declinedNext),
          ]),
      actionLink(link, words.button),
      `<p style="color:#555555">${literal(link)}</p>`,
      '<p>— WeGov</p>',
    ].join('\n'),
  )
  return { subject, text, html, meta: { code: null, links: { console: link } } }
}

/** Renders queued decisions from their applications' rows; none for an application that is gone. */
export const applicationDecidedMail: MailRenderer = async (db, mails) => {
  const payloads = mails.map((mail) => mail.payload as ApplicationDecidedMailPayload)
  const byId = await applicationsToMail(db, payloads.map((payload) => payload.applicationId))
  return mails.map((mail, index) => {
    const payload = payloads[index]!
    const row = byId.get(payload.applicationId)
    if (!row || row.status === 'pending') return null
    // Not mail-kinds' mailLang: this module is imported by mail-kinds, and must not import it back.
    const lang = isLang(mail.locale) ? mail.locale : DEFAULT_LANG
    const organisationName = (localize(row.name, lang, row.original_lang)?.text ?? '').replace(/\s+/g, ' ')
    return renderApplicationDecidedMail(payload, lang, { status: row.status, organisationName, applicantName: row.applicant_name.trim(), reason: row.reason })
  })
}
