import { escapeHtml } from '../content/escape.js'
import type { Lang } from '../db/schema.js'
import { invitationsToMail } from '../domains/organisations/mail-facts.js'
import { DEFAULT_LANG, isLang, localize } from '../i18n/languages.js'
import { actionLink, literal, mailDocument, paragraph, sentenceHtml } from './mail-html.js'
import type { MailRenderer } from './mail-kinds.js'
import type { RenderedMail } from './templates.js'

/** What the outbox keeps for an invitation until it is delivered (the token only lives here and in the mail). */
export interface InvitationMailPayload {
  invitationId: string
  token: string
  /** The public origin the link points to. */
  baseUrl: string
  expiresInDays: number
}

type Role = 'owner' | 'editor'

interface Words {
  subject: (organisation: string) => string
  hello: string
  invitedBy: (inviter: string, organisation: string, role: string) => string
  invited: (organisation: string, role: string) => string
  roles: Record<Role, string>
  button: string
  address: string
  expiry: (days: number) => string
  notExpected: string
}

const WORDS: Record<Lang, Words> = {
  en: {
    subject: (organisation) => `Invitation to join ${organisation} on WeGov`,
    hello: 'Hello,',
    invitedBy: (inviter, organisation, role) => `${inviter} invites you to join ${organisation} on WeGov as ${role}.`,
    invited: (organisation, role) => `You are invited to join ${organisation} on WeGov as ${role}.`,
    roles: { owner: 'owner (profile, members and API keys)', editor: 'editor (the organisation’s content)' },
    button: 'Accept the invitation',
    address: 'To accept, sign in with this email address:',
    expiry: (days) => `This invitation is valid for ${days} days.`,
    notExpected: 'If you did not expect this invitation, ignore this email.',
  },
  fr: {
    subject: (organisation) => `Invitation à rejoindre ${organisation} sur WeGov`,
    hello: 'Bonjour,',
    invitedBy: (inviter, organisation, role) => `${inviter} vous invite à rejoindre ${organisation} sur WeGov en tant que ${role}.`,
    invited: (organisation, role) => `Vous êtes invité·e à rejoindre ${organisation} sur WeGov en tant que ${role}.`,
    roles: { owner: 'propriétaire (profil, membres et clés d’API)', editor: 'éditeur ou éditrice (les contenus de l’organisation)' },
    button: 'Accepter l’invitation',
    address: 'Pour accepter, connectez-vous avec cette adresse e-mail :',
    expiry: (days) => `Cette invitation est valable ${days} jours.`,
    notExpected: 'Si vous n’attendiez pas cette invitation, ignorez ce message.',
  },
  ar: {
    subject: (organisation) => `دعوة للانضمام إلى ${organisation} على WeGov`,
    hello: 'مرحبًا،',
    invitedBy: (inviter, organisation, role) => `يدعوك ${inviter} للانضمام إلى ${organisation} على WeGov بصفة ${role}.`,
    invited: (organisation, role) => `أنت مدعو للانضمام إلى ${organisation} على WeGov بصفة ${role}.`,
    roles: { owner: 'مالك (الملف التعريفي والأعضاء ومفاتيح واجهة البرمجة)', editor: 'محرّر (محتوى المنظمة)' },
    button: 'قبول الدعوة',
    address: 'لقبول الدعوة، سجّل الدخول بعنوان البريد الإلكتروني هذا:',
    expiry: (days) => `هذه الدعوة صالحة لمدة ${days} يومًا.`,
    notExpected: 'إذا لم تكن تتوقع هذه الدعوة، فتجاهل هذه الرسالة.',
  },
}

export function invitationLink(payload: InvitationMailPayload, lang: Lang): string {
  return `${payload.baseUrl.replace(/\/+$/, '')}/console/invitations/accept?token=${encodeURIComponent(payload.token)}&lang=${lang}`
}

export interface InvitationFacts {
  organisationName: string
  inviterName: string | null
  role: Role
  email: string
}

/**
 * The invitation, in the language it was sent in (right to left in Arabic). The link opens the console's
 * page, which shows the invitation and accepts it with a POST once the person is signed in: a mail scanner
 * following the link accepts nothing.
 */
export function renderInvitationMail(payload: InvitationMailPayload, lang: Lang, facts: InvitationFacts): RenderedMail {
  const words = WORDS[lang]
  const link = invitationLink(payload, lang)
  const role = words.roles[facts.role]
  const subject = words.subject(facts.organisationName)
  const inviter = facts.inviterName?.trim() || null
  const intro = inviter ? words.invitedBy(inviter, facts.organisationName, role) : words.invited(facts.organisationName, role)
  const introHtml = inviter
    ? sentenceHtml((who, organisation) => words.invitedBy(who!, organisation!, role), [inviter, facts.organisationName])
    : sentenceHtml((organisation) => words.invited(organisation!, role), [facts.organisationName])
  const text = [words.hello, '', intro, '', `${words.button}: ${link}`, '', `${words.address} ${facts.email}`, words.expiry(payload.expiresInDays), '', words.notExpected, '', '— WeGov'].join('\n')
  const html = mailDocument(
    lang,
    subject,
    [
      paragraph(words.hello),
      `<p>${introHtml}</p>`,
      actionLink(link, words.button),
      `<p>${escapeHtml(words.address)} ${literal(facts.email)}</p>`,
      paragraph(words.expiry(payload.expiresInDays), true),
      paragraph(words.notExpected, true),
      `<p style="color:#555555">${literal(link)}</p>`,
      '<p>— WeGov</p>',
    ].join('\n'),
  )
  return { subject, text, html, meta: { code: null, links: { accept: link } } }
}

/** Renders queued invitations; none for one withdrawn since, or whose organisation is gone. */
export const invitationMail: MailRenderer = async (db, mails) => {
  const payloads = mails.map((mail) => mail.payload as InvitationMailPayload)
  const byId = await invitationsToMail(db, payloads.map((payload) => payload.invitationId))
  return mails.map((mail, index) => {
    const payload = payloads[index]!
    const row = byId.get(payload.invitationId)
    if (!row || row.revoked_at || row.deleted_at) return null
    // Not mail-kinds' mailLang: this module is imported by mail-kinds, and must not import it back.
    const lang = isLang(mail.locale) ? mail.locale : DEFAULT_LANG
    const organisationName = (localize(row.name, lang, row.original_lang)?.text ?? '').replace(/\s+/g, ' ')
    return renderInvitationMail(payload, lang, { organisationName, inviterName: row.inviter_name, role: row.role, email: row.email })
  })
}
