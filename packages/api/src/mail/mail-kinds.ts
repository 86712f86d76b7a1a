import type { Kysely } from 'kysely'
import type { DB, Lang } from '../db/schema.js'
import { petitionTitles } from '../domains/petitions/petition-facts.js'
import { isLang, localize } from '../i18n/languages.js'
import { signInCodeMail } from './sign-in-code-mail.js'
import { applicationDecidedMail } from './application-decided-mail.js'
import { invitationMail } from './invitation-mail.js'
import { petitionDecidedMail } from './petition-decided-mail.js'
import { petitionResponseMail } from './petition-response-mail.js'
import { webhookDisabledMail } from './webhook-disabled-mail.js'
import { type ConfirmationMailPayload, type RenderedMail, renderConfirmationMail } from './templates.js'

export interface MailToRender {
  kind: string
  locale: string
  payload: unknown
}

/**
 * Renders every queued message of one kind, in order: null where there is nothing left to say (what it
 * announced is gone). Given them all at once, so that a renderer needs one query per batch, not per message.
 */
export type MailRenderer = (db: Kysely<DB>, mails: readonly MailToRender[]) => Promise<(RenderedMail | null)[]>

export function mailLang(mail: MailToRender): Lang {
  return isLang(mail.locale) ? mail.locale : 'fr'
}

const signatureConfirmation: MailRenderer = async (db, mails) => {
  const payloads = mails.map((mail) => mail.payload as ConfirmationMailPayload)
  const byId = await petitionTitles(db, [...new Set(payloads.map((payload) => payload.petitionId))])
  return mails.map((mail, index) => {
    const payload = payloads[index]!
    const petition = byId.get(payload.petitionId)
    if (!petition) return null
    const lang = mailLang(mail)
    const title = localize(petition.title, lang, petition.original_lang)?.text ?? ''
    return renderConfirmationMail(payload, lang, title.replace(/\s+/g, ' '))
  })
}

/** Every kind of mail WeGov sends (mail_outbox.kind), and how to render it. Add a kind here. */
export const MAIL_KINDS: Record<string, MailRenderer> = {
  'signature-confirmation': signatureConfirmation,
  'sign-in-code': signInCodeMail,
  invitation: invitationMail,
  'application-decided': applicationDecidedMail,
  'petition-decided': petitionDecidedMail,
  'petition-response': petitionResponseMail,
  'webhook-disabled': webhookDisabledMail,
}
