import { html, nothing } from 'lit'
import { type PublicSignature, petitionSignaturesPage, type Transport } from '@wegov/sdk'
import type { LocalizeController } from '../shared/localize-controller.js'

export { signersMessages } from './signers-messages.js'

/*
 * Loaded only by a widget with `show-signers` (most embeds never show the list), so that its code and
 * its request stay out of every other page's first load.
 */

/** How many of the latest public signers the widget lists. */
export const LATEST_SIGNERS = 10

/** `fresh` after a confirmation: the browser may hold a reply from a few seconds before it. */
export async function latestSigners(transport: Transport, petitionId: string, fresh: boolean): Promise<PublicSignature[]> {
  return (await petitionSignaturesPage(transport, petitionId, { limit: LATEST_SIGNERS }, { fresh })).items
}

/**
 * The latest public signers (the `show-signers` attribute): first name, initial, city, country, date and
 * comment, exactly what the API publishes. Names and cities are in any script, so each is isolated in a
 * <bdi>; a comment's direction comes from its own text (dir=auto), since its language is not declared.
 * `headingLevel`: the widget's subheadingLevel (2 under `no-heading`).
 */
export function renderSigners(l10n: LocalizeController, signers: PublicSignature[], headingLevel: 2 | typeof nothing = nothing) {
  const { msg, format } = l10n
  // Its rules travel with it: most embeds never show the list, so they stay out of the widget's styles.
  return html`<style>
      .signers__list { margin: 0; padding: 0; list-style: none; }
      .signer { padding-block: 0.5em; border-block-end: 1px solid var(--_border); }
      .signer p { margin: 0; }
      .signer__name { font-weight: 600; }
      .signer .signer__comment { margin-block-start: 0.3em; white-space: pre-line; overflow-wrap: anywhere; }
    </style>
    <section class="signers" part="signers" aria-labelledby="signers-title">
    <h3 id="signers-title" aria-level=${headingLevel}>${msg('Latest public signers', { id: 'signers.title' })}</h3>
    ${signers.length === 0
      ? html`<p class="muted">${msg('Nobody has signed publicly yet.', { id: 'signers.none' })}</p>`
      : html`<ul class="signers__list">
          ${signers.map((signer) => {
            const country = signer.country ? format.country(signer.country) : ''
            const place = signer.city ? html`<bdi>${signer.city}</bdi>${country ? ` (${country})` : ''}` : country
            return html`<li class="signer">
              <p class="signer__who">
                <bdi class="signer__name">${signer.firstName} ${signer.lastInitial}.</bdi>
                ${place ? html`<span class="muted">· ${place}</span>` : nothing}
                <span class="muted">· <time datetime=${signer.signedAt}>${format.date(signer.signedAt)}</time></span>
              </p>
              ${signer.comment ? html`<p class="signer__comment" dir="auto">${signer.comment}</p>` : nothing}
            </li>`
          })}
        </ul>`}
  </section>`
}
