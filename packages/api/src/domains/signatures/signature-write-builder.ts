import { randomUUID } from 'node:crypto'
import type { ConfirmationMailPayload } from '../../mail/templates.js'
import type { SignatureDraft } from './signature-input.js'
import type { SignatureWrite } from './signature-writes.js'
import { type SignerKeys, newCode, newTokens, tokenHash } from './signer-keys.js'

export interface SignatureWriteInput {
  petitionId: string
  draft: SignatureDraft
  emailHash: string
  /** Why the abuse checks hold this signature back, or null. */
  flag: string | null
  keys: SignerKeys
  idempotency: SignatureWrite['idempotency']
  proofOfWork: SignatureWrite['proofOfWork']
  baseUrl: string
  pendingDays: number
}

/**
 * Turns a checked request into the rows to write: the signature (hashes only for the token, the code and
 * the email) and its confirmation email. The plain address is kept on the signature only when a consent
 * needs it (news, or the petition's response); otherwise it lives only in the outbox row, deleted once the
 * email is delivered.
 * A filled honeypot gets no email: a bot that typed someone else's address must not make WeGov mail them.
 * Nor does its row keep that address or take its place: under the address's own hash it would turn the
 * real person's signature into a "duplicate" until housekeeping deletes the bot's row.
 */
export function signatureWrite(input: SignatureWriteInput): SignatureWrite {
  const { draft, keys } = input
  const id = randomUUID()
  const [token, withdrawToken] = newTokens(2) as [string, string]
  const code = newCode()
  const honeypot = input.flag === 'honeypot'
  const payload: ConfirmationMailPayload = {
    petitionId: input.petitionId,
    firstName: draft.firstName,
    token,
    code,
    withdrawToken,
    baseUrl: input.baseUrl,
    expiresInDays: input.pendingDays,
  }
  return {
    signature: {
      id,
      petition_id: input.petitionId,
      email_hash: honeypot ? tokenHash(`honeypot:${id}`) : input.emailHash,
      email: !honeypot && (draft.newsFromOrganiser || draft.newsFromPartner || draft.responseWanted) ? draft.email.address : null,
      first_name: draft.firstName,
      last_name: draft.lastName,
      city: draft.city,
      comment: draft.comment,
      country: draft.country,
      display: draft.display,
      locale: draft.locale,
      consent_news_organiser: draft.newsFromOrganiser,
      consent_news_partner: draft.newsFromPartner,
      consent_response: draft.responseWanted,
      source_partner: draft.sourcePartner,
      source_url: draft.sourceUrl,
      validity: input.flag ? 'flagged' : 'valid',
      flag_reason: input.flag,
      confirm_token_hash: tokenHash(token),
      code_hash: keys.codeHash(id, code),
      withdraw_token_hash: tokenHash(withdrawToken),
    },
    mail: honeypot ? null : { recipient: draft.email.address, payload },
    codeHashFor: (signatureId) => keys.codeHash(signatureId, code),
    idempotency: input.idempotency,
    proofOfWork: input.proofOfWork,
  }
}
