import { html, nothing } from 'lit'
import { str } from '@lit/localize'
import type { Petition } from '@wegov/sdk'
import type { LocalizeController } from '../shared/localize-controller.js'
import { blockDir, name, nameList } from '../shared/localized-text.js'

/**
 * The petition itself: title, target, summary, the full text on demand, progress, time left, response.
 * `count` is the online signatures; `paper` those partners collected on paper, shown apart.
 */
export function renderPetitionHeader(
  l10n: LocalizeController,
  petition: Petition,
  { count, paper, withTitle, textOpen, toggleText }: { count: number; paper: number; withTitle: boolean; textOpen: boolean; toggleText: () => void },
  subheadingLevel: 2 | typeof nothing,
) {
  const { msg, lang, format } = l10n
  const goal = Math.max(1, petition.goal)
  const left = daysUntil(petition.closesAt)
  const launcher = petition.launcher.organisation?.name ?? petition.launcher.name
  const response = petition.response
  // Where the petition stands once it has met the node's threshold, in words: "Responded", or "Awaiting
  // response" (the API's awaitingResponse). A closed one says "Closed on …" under its count.
  const state = response ? msg('Responded', { id: 'petition.responded' }) : petition.awaitingResponse && msg('Awaiting response', { id: 'petition.awaiting' })
  const body = (value: { text: string; lang: string; dir: 'rtl' | 'ltr' }) =>
    // The API sanitises petition texts (sanitize-html) before storing them. A property binding, not the
    // unsafeHTML directive: the same effect without shipping the directive's code.
    html`<div class="rich" lang=${value.lang} dir=${value.dir} .innerHTML=${value.text}></div>`
  return html`<header class="head">
      ${withTitle ? html`<h2 id="title" part="title" lang=${petition.title.lang} dir=${blockDir(petition.title, lang)}>${petition.title.text}</h2>` : nothing}
      ${petition.targets.length
        ? html`<p class="target"><span class="label">${msg('To:', { id: 'petition.to' })}</span> ${nameList(petition.targets, format)}</p>`
        : nothing}
      ${launcher ? html`<p class="muted">${msg('Launched by', { id: 'petition.launched-by' })} ${name(launcher)}</p>` : nothing}
      ${state ? html`<p class="label" part="state">${state}</p>` : nothing}
    </header>
    ${petition.summary ? html`<p class="summary" lang=${petition.summary.lang} dir=${blockDir(petition.summary, lang)}>${petition.summary.text}</p>` : nothing}
    ${petition.text
      ? html`<button class="link-button" part="button toggle" type="button" aria-expanded=${textOpen} aria-controls="full-text" @click=${toggleText}>
            ${textOpen ? msg('Hide the full text', { id: 'petition.hide-text' }) : msg('Read the full text', { id: 'petition.show-text' })}
          </button>
          <div id="full-text" class="full-text" part="text" ?hidden=${!textOpen}>${textOpen ? body(petition.text) : nothing}</div>`
      : nothing}
    <div class="progress" part="progress">
      <p class="progress__numbers">
        <span class="progress__stat"><span class="label">${msg('Signatures', { id: 'petition.signatures' })}</span> <span class="progress__count">${format.number(count)}</span></span>
        <span class="muted">${msg(str`Goal: ${format.number(petition.goal)}`, { id: 'petition.goal' })}</span>
      </p>
      ${paper > 0 ? html`<p class="muted paper">${msg(str`+ ${format.number(paper)} on paper`, { id: 'petition.paper' })}</p>` : nothing}
      <div class="progress__track" role="progressbar" aria-label=${msg('Progress toward the goal', { id: 'petition.progress' })}
        aria-valuemin="0" aria-valuemax=${goal} aria-valuenow=${Math.min(count, goal)}
        aria-valuetext=${`${format.number(count)} / ${format.number(petition.goal)}`}>
        <span class="progress__bar" part="progress-bar" style=${`inline-size:${Math.min(100, (count / goal) * 100)}%`}></span>
      </div>
      <p class="muted">
        ${petition.acceptingSignatures && left > 0
          ? msg(str`Time left: ${format.unit('day', left)}`, { id: 'petition.days-left' })
          : petition.status === 'upcoming'
            ? msg(str`Opens on ${format.date(petition.opensAt)}`, { id: 'petition.opens' })
            : msg(str`Closed on ${format.date(petition.endedAt ?? petition.closesAt)}`, { id: 'petition.closed-on' })}
      </p>
    </div>
    ${response
      ? html`<section class="response" part="response" aria-labelledby="response-title">
          <h3 id="response-title" aria-level=${subheadingLevel}>${msg('Official response', { id: 'petition.response' })}</h3>
          <p class="muted">${format.date(response.respondedAt)}</p>
          ${body(response.text)}
          ${response.document
            ? // The resources widget's "Download" (already in every locale chunk), under the response's heading.
              html`<p><a href=${response.document.url}>${msg('Download', { id: 'resources.download' })}</a></p>`
            : nothing}
        </section>`
      : nothing}`
}

/** Whole days from now until an instant or a date; negative once past. */
function daysUntil(iso: string): number {
  return Math.ceil((new Date(iso).getTime() - Date.now()) / 86_400_000)
}
