import { escapeHtml } from '../content/escape.js'
import type { Lang } from '../db/schema.js'
import { petitionDecisions } from '../domains/petitions/petition-facts.js'
import { REJECTION_LABELS } from '../domains/petitions/rejection-codes.js'
import { DEFAULT_LANG, isLang, localize } from '../i18n/languages.js'
import { actionLink, literal, mailDocument, paragraph, sentenceHtml } from './mail-html.js'
import type { MailRenderer } from './mail-kinds.js'
import type { RenderedMail } from './templates.js'

/** What the outbox keeps for a moderation decision: the decision itself is read from the petition's row. */
export interface PetitionDecidedMailPayload {
  petitionId: string
  /** The public origin the links point to. */
  baseUrl: string
}

interface Words {
  hello: (name: string) => string
  openSubject: string
  open: (title: string) => string
  openNext: string
  rejectedSubject: string
  rejected: (title: string) => string
  hidden: string
  reason: string
  button: string
}

const WORDS: Record<Lang, Words> = {
  en: {
    hello: (name) => (name ? `Hello ${name},` : 'Hello,'),
    openSubject: 'Your petition is open for signatures',
    open: (title) => `Your petition “${title}” has been approved by the moderators: it is now open for signatures.`,
    openNext: 'Share it: every signature counts once its signer confirms it.',
    rejectedSubject: 'Your petition was not accepted',
    rejected: (title) => `The moderators did not accept your petition “${title}”.`,
    hidden: 'Because of its reason, the petition is not shown on the site.',
    reason: 'The reason:',
    button: 'See my petitions',
  },
  fr: {
    hello: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    openSubject: 'Votre pétition est ouverte aux signatures',
    open: (title) => `Votre pétition « ${title} » a été acceptée par la modération : elle est désormais ouverte aux signatures.`,
    openNext: 'Partagez-la : chaque signature compte dès que la personne la confirme.',
    rejectedSubject: 'Votre pétition n’a pas été acceptée',
    rejected: (title) => `La modération n’a pas accepté votre pétition « ${title} ».`,
    hidden: 'En raison de ce motif, la pétition n’est pas affichée sur le site.',
    reason: 'Le motif :',
    button: 'Voir mes pétitions',
  },
  ar: {
    hello: (name) => (name ? `مرحبًا ${name}،` : 'مرحبًا،'),
    openSubject: 'عريضتك مفتوحة للتوقيع',
    open: (title) => `وافق المشرفون على عريضتك «${title}»: أصبحت الآن مفتوحة للتوقيع.`,
    openNext: 'شاركها: يُحتسب كل توقيع بعد أن يؤكّده صاحبه.',
    rejectedSubject: 'لم تُقبل عريضتك',
    rejected: (title) => `لم يقبل المشرفون عريضتك «${title}».`,
    hidden: 'بسبب هذا السبب، لا تُعرض العريضة على الموقع.',
    reason: 'السبب:',
    button: 'عرض عرائضي',
  },
}

export interface PetitionDecisionFacts {
  status: 'open' | 'rejected' | 'hidden'
  title: string
  creatorName: string
  /** The coded reason in the creator's language, then the moderator's note as written. */
  reason: string | null
  /** The organisation it was launched for; null for a citizen's own. */
  organisationId: string | null
}

/** The decision, in the creator's language; a note in another language keeps its own direction (dir=auto). */
export function renderPetitionDecidedMail(payload: PetitionDecidedMailPayload, lang: Lang, facts: PetitionDecisionFacts): RenderedMail {
  const words = WORDS[lang]
  // Where its creator finds it again: their own petitions, or their organisation's.
  const screen = facts.organisationId ? `organisations/${facts.organisationId}/petitions` : 'petitions'
  const link = `${payload.baseUrl.replace(/\/+$/, '')}/console/${screen}?lang=${lang}`
  const open = facts.status === 'open'
  const subject = open ? words.openSubject : words.rejectedSubject
  const sentence = open ? words.open : words.rejected
  const hello = facts.creatorName ? sentenceHtml((name) => words.hello(name!), [facts.creatorName]) : escapeHtml(words.hello(''))
  const after = open ? [words.openNext] : [words.reason, facts.reason ?? '', ...(facts.status === 'hidden' ? [words.hidden] : [])]
  const text = [words.hello(facts.creatorName), '', sentence(facts.title), '', ...after, '', `${words.button}: ${link}`, '', '— WeGov'].join('\n')
  const html = mailDocument(
    lang,
    subject,
    [
      `<p>${hello}</p>`,
      `<p>${sentenceHtml((title) => sentence(title!), [facts.title])}</p>`,
      ...(open
        ? [paragraph(words.openNext)]
        : [
            paragraph(words.reason),
            `<blockquote dir="auto" style="margin:0 0 16px;padding:8px 16px;border-inline-start:4px solid #cccccc;white-space:pre-line">${escapeHtml(facts.reason ?? '')}</blockquote>`,
            ...(facts.status === 'hidden' ? [paragraph(words.hidden)] : []),
          ]),
      actionLink(link, words.button),
      `<p style="color:#555555">${literal(link)}</p>`,
      '<p>— WeGov</p>',
    ].join('\n'),
  )
  return { subject, text, html, meta: { code: null, links: { console: link } } }
}

/** Renders queued decisions from their petitions' rows; none for a petition that is gone or has moved on. */
export const petitionDecidedMail: MailRenderer = async (db, mails) => {
  const payloads = mails.map((mail) => mail.payload as PetitionDecidedMailPayload)
  const byId = await petitionDecisions(db, payloads.map((payload) => payload.petitionId))
  return mails.map((mail, index) => {
    const payload = payloads[index]!
    const row = byId.get(payload.petitionId)
    if (!row || (row.status !== 'open' && row.status !== 'rejected' && row.status !== 'hidden')) return null
    const lang = isLang(mail.locale) ? mail.locale : DEFAULT_LANG
    const title = (localize(row.title, lang, row.original_lang)?.text ?? '').replace(/\s+/g, ' ')
    const note = row.rejection_reason ? localize(row.rejection_reason, lang, row.original_lang)?.text : undefined
    const reason = [row.rejection_code ? REJECTION_LABELS[row.rejection_code][lang] : null, note].filter(Boolean).join('\n')
    const creatorName = (mail.payload as { creatorName?: string }).creatorName ?? ''
    return renderPetitionDecidedMail(payload, lang, { status: row.status, title, creatorName, reason: reason || null, organisationId: row.owner_organisation_id })
  })
}
