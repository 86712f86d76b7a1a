import { html, nothing, type TemplateResult } from 'lit'
import { msg } from '@lit/localize'
import { LANG_NAMES, type Lang } from '../shared/lang.js'
import { type Model, type ModelValue, keyLabel } from './content-fields.js'
import type { ContentType, Versioned } from './content-source.js'

/** An edit conflict: the version saved meanwhile, what it changed, and what was typed here. */
export interface Conflict {
  theirs: Versioned
  theirModel: Model
  mine: Model
  theirChanges: string[]
  myChanges: string[]
}

const shown = (value: ModelValue | undefined): string => {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : `${v.organisation} (${v.role})`)).join(', ')
  return value ?? ''
}

/** A changed value, in its language's direction when it is a text in one language. */
function valueOf(key: string, value: ModelValue | undefined): TemplateResult {
  const lang = /\.(ar|fr|en)$/.exec(key)?.[1]
  const text = shown(value)
  if (!text) return html`<em>${msg('(emptied)')}</em>`
  return html`<bdi lang=${lang ?? nothing} dir=${lang ? 'auto' : 'ltr'}>${text}</bdi>`
}

/**
 * The conflict view: which fields the other version changed (with their new values), which ones are
 * unsaved here, and the two ways on. Nothing typed here is dropped unless "reload their version" is chosen.
 */
export function renderConflict(type: ContentType, conflict: Conflict, actions: { reload(): void; keepMine(): void }): TemplateResult {
  const label = (key: string) => keyLabel(type, key, (lang: Lang) => LANG_NAMES[lang])
  const both = conflict.theirChanges.filter((key) => conflict.myChanges.includes(key))
  return html`<section class="card card--warning conflict" aria-labelledby="conflict-title">
    <h2 id="conflict-title" tabindex="-1">${msg('Someone else saved a newer version')}</h2>
    <p>${msg('Your changes are not saved yet, and nothing you typed is lost. Compare, then choose.')}</p>
    <h3>${msg('What the other version changed')}</h3>
    ${conflict.theirChanges.length
      ? html`<ul class="conflict__changes" id="their-changes">
          ${conflict.theirChanges.map(
            (key) => html`<li data-key=${key}><strong>${label(key)}</strong>${both.includes(key) ? html` <span class="badge">${msg('you changed it too')}</span>` : nothing}:
              ${valueOf(key, conflict.theirModel[key])}</li>`,
          )}
        </ul>`
      : html`<p>${msg('Only its state or address changed (for example, it was published).')}</p>`}
    <h3>${msg('Your unsaved changes')}</h3>
    ${conflict.myChanges.length
      ? html`<ul class="conflict__changes" id="my-changes">
          ${conflict.myChanges.map((key) => html`<li data-key=${key}><strong>${label(key)}</strong>: ${valueOf(key, conflict.mine[key])}</li>`)}
        </ul>`
      : html`<p>${msg('None.')}</p>`}
    <div class="actions">
      <button type="button" class="button" id="keep-mine" @click=${actions.keepMine}>${msg('Keep editing mine (on top of their version)')}</button>
      <button type="button" class="button button--secondary" id="reload-theirs" @click=${actions.reload}>${msg('Reload their version (drop my changes)')}</button>
    </div>
  </section>`
}
