import { dateTime, paragraphs } from './format.js'
import { html } from './html.js'

/**
 * The latest public signers of a petition, as GET /v1/petitions/{id}/signatures gives them: first name,
 * initial, city, country, date and comment, never more. Names and cities can be in any script, so each
 * sits in its own <bdi>; a comment's direction comes from its own text (dir=auto), since nobody declared
 * its language.
 */
export function signersSection({ t, format }, signers) {
  return html`<section class="block signers" aria-labelledby="petition-signers">
<h2 id="petition-signers">${t('signers.title')}</h2>
${signers.length === 0
  ? html`<p class="empty">${t('signers.none')}</p>`
  : html`<ul class="signers__list">${signers.map((signer) => signerItem(signer, format))}</ul>`}
</section>`
}

function signerItem(signer, format) {
  const country = signer.country ? format.country(signer.country) : ''
  const place = signer.city ? html`<bdi>${signer.city}</bdi>${country ? ` (${country})` : ''}` : country
  return html`<li class="signer">
  <p class="signer__who"><bdi class="signer__name">${signer.firstName} ${signer.lastInitial}.</bdi>${place ? html` <span class="muted">· ${place}</span>` : ''} <span class="muted">· ${dateTime(signer.signedAt, format)}</span></p>
  ${signer.comment ? html`<blockquote class="signer__comment" dir="auto">${paragraphs(signer.comment)}</blockquote>` : ''}
</li>`
}
