import type { Kysely } from 'kysely'
import type { DB, Lang } from '../db/schema.js'
import { isLang, localize } from '../i18n/languages.js'
import { type ConfirmationMailPayload, type RenderedMail, renderConfirmationMail } from './templates.js'

export interface MailToRender {
  kind: string
  locale: string
  payload: unknown
}

/**
 * The email for each queued message, or null when there is nothing left to say (its petition is gone).
 * One query for the titles of every petition involved, however many messages.
 */
export async function renderOutboxMail(db: Kysely<DB>, mails: readonly MailToRender[]): Promise<(RenderedMail | null)[]> {
  const unknown = mails.find((mail) => mail.kind !== 'signature-confirmation')
  if (unknown) throw new Error(`Unknown mail kind: ${unknown.kind}`)
  if (mails.length === 0) return []
  const payloads = mails.map((mail) => mail.payload as ConfirmationMailPayload)
  const petitions = await db
    .selectFrom('petitions')
    .select(['id', 'title', 'original_lang'])
    .where('id', 'in', [...new Set(payloads.map((payload) => payload.petitionId))])
    .where('deleted_at', 'is', null)
    .execute()
  const byId = new Map(petitions.map((petition) => [petition.id, petition]))
  return mails.map((mail, index) => {
    const payload = payloads[index]!
    const petition = byId.get(payload.petitionId)
    if (!petition) return null
    const lang: Lang = isLang(mail.locale) ? mail.locale : 'fr'
    const title = localize(petition.title, lang, petition.original_lang)?.text ?? ''
    return renderConfirmationMail(payload, lang, title.replace(/\s+/g, ' '))
  })
}
