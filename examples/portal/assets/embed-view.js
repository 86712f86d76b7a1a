import { MIN_CONTRAST, contrastRatio, nearestReadable } from './contrast.js'
import { html } from './html.js'
import { LANGS, LANGUAGE_NAMES, directionOf } from './i18n.js'

/**
 * The embed builder's form and the snippet it produces. The snippet function is shared by the server
 * (the first snippet is in the page) and embed-builder.js (which keeps it in step with the form).
 */

export const WEGOV_COUNTRIES = ['TN', 'LY', 'PS', 'JO']
/** The widgets' own light theme: a colour equal to these is left out of the snippet. */
export const DEFAULT_LOOK = { accent: '#0b5cad', text: '#1b1f24', background: '#ffffff', radius: '8' }
/** The widgets' dark background (packages/widgets/src/shared/base-styles.ts), where a partner sets none. */
const DARK_BACKGROUND = '#16191d'

export const DEFAULT_EMBED = {
  widget: 'projects',
  petition: '',
  partner: '',
  country: '',
  theme: '',
  status: '',
  collection: '',
  kind: '',
  limit: '6',
  lang: '',
  scheme: 'auto',
  ...DEFAULT_LOOK,
}

/** Which filters each widget takes, in snippet order. */
export const WIDGET_FIELDS = {
  petition: ['petition', 'partner'],
  projects: ['country', 'theme', 'status', 'limit'],
  resources: ['collection', 'kind', 'country', 'theme', 'limit'],
}

const escapeAttribute = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/** The one-script-tag snippet for a state of the form. */
export function snippetFor(state, origin) {
  const tag = `wegov-${state.widget}`
  const attributes = []
  if (state.lang) attributes.push(`lang="${escapeAttribute(state.lang)}"`)
  for (const field of WIDGET_FIELDS[state.widget] ?? []) {
    const value = state[field]
    if (value !== '' && value !== undefined && !(field === 'limit' && String(value) === DEFAULT_EMBED.limit)) {
      attributes.push(`${field}="${escapeAttribute(value)}"`)
    }
  }
  if (state.scheme && state.scheme !== 'auto') attributes.push(`color-scheme="${escapeAttribute(state.scheme)}"`)
  const style = []
  if (state.accent.toLowerCase() !== DEFAULT_LOOK.accent) style.push(`--wegov-color-accent: ${state.accent}`)
  if (state.text.toLowerCase() !== DEFAULT_LOOK.text) style.push(`--wegov-color-text: ${state.text}`)
  if (state.background.toLowerCase() !== DEFAULT_LOOK.background) style.push(`--wegov-color-bg: ${state.background}`)
  if (String(state.radius) !== DEFAULT_LOOK.radius) style.push(`--wegov-radius: ${Number(state.radius) || 0}px`)
  if (style.length) attributes.push(`style="${escapeAttribute(style.join('; '))}"`)
  return `<script type="module" src="${origin}/widgets/wegov.js"></script>\n<${tag}${attributes.map((a) => ` ${a}`).join('')}></${tag}>`
}

/**
 * Whether the accent colour reads on the backgrounds the widget will show it on (the light one, the dark
 * one, or both in automatic mode; a background the partner picked serves both). Null when it does, or
 * when the partner keeps WeGov's accent, which has a shade for each mode.
 *
 * @returns {{failing: {mode: 'light' | 'dark', ratio: number}[], suggestion: string | null} | null}
 */
export function accentCheck(state) {
  const accent = state.accent.toLowerCase()
  if (accent === DEFAULT_LOOK.accent) return null
  const ownBackground = state.background.toLowerCase() !== DEFAULT_LOOK.background
  const backgrounds = []
  if (state.scheme !== 'dark') backgrounds.push({ mode: 'light', colour: state.background })
  if (state.scheme !== 'light') backgrounds.push({ mode: 'dark', colour: ownBackground ? state.background : DARK_BACKGROUND })
  const failing = backgrounds
    .map(({ mode, colour }) => ({ mode, ratio: contrastRatio(accent, colour) }))
    .filter(({ ratio }) => ratio < MIN_CONTRAST)
  if (failing.length === 0) return null
  return { failing, suggestion: nearestReadable(accent, backgrounds.map(({ colour }) => colour)) }
}

function select(name, labelText, options, selected, anyText, describedBy) {
  return html`<div class="field" data-field="${name}">
  <label for="embed-${name}">${labelText}</label>
  <select id="embed-${name}" name="${name}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}>
    ${anyText ? html`<option value="">${anyText}</option>` : ''}
    ${options.map(([value, text, lang]) => html`<option value="${value}"${value === selected ? html` selected` : ''}${lang ? html` lang="${lang}" dir="${directionOf(lang)}"` : ''}>${text}</option>`)}
  </select>
</div>`
}

function colour(name, labelText, value, describedBy) {
  return html`<div class="field field--inline" data-field="${name}">
  <input id="embed-${name}" name="${name}" type="color" value="${value}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}>
  <label for="embed-${name}">${labelText}</label>
</div>`
}

export function embedView({ lang, t, format, data }) {
  const vocab = data.vocab ?? {}
  const terms = (name) => (vocab[name] ?? []).map((term) => [term.code, term.label])
  const petitions = (data.petitions ?? []).map((petition) => [petition.slug, petition.title.text, petition.title.lang !== lang ? petition.title.lang : ''])
  const organisations = (data.organisations ?? [])
    .map((organisation) => [organisation.slug, organisation.name.text, organisation.name.lang !== lang ? organisation.name.lang : ''])
    .sort((a, b) => a[1].localeCompare(b[1], lang))
  const state = { ...DEFAULT_EMBED, petition: petitions[0]?.[0] ?? '' }
  const hiddenUnless = (widget) => (widget === state.widget ? '' : html` hidden`)
  return html`<h1>${t('embed.title')}</h1>
<p class="lead">${t('embed.intro')}</p>
<div class="embed" data-embed-builder data-origin="${data.origin ?? ''}">
<form class="embed__form" id="embed-form">
  <fieldset>
    <legend>${t('embed.widget')}</legend>
    ${['petition', 'projects', 'resources'].map(
      (widget) => html`<div class="field field--inline"><input type="radio" id="embed-widget-${widget}" name="widget" value="${widget}"${widget === state.widget ? html` checked` : ''}>
      <label for="embed-widget-${widget}">${t(`embed.widget.${widget}`)}</label></div>`,
    )}
  </fieldset>
  <fieldset>
    <legend>${t('embed.filters')}</legend>
    <div data-for="petition"${hiddenUnless('petition')}>
      ${select('petition', t('embed.petition'), petitions, state.petition, '')}
      ${select('partner', t('embed.partner'), organisations, state.partner, t('embed.partnerNone'), 'embed-partner-help')}
      <p class="muted" id="embed-partner-help">${t('embed.partnerHelp')}</p>
    </div>
    <div data-for="resources"${hiddenUnless('resources')}>
      ${select('collection', t('embed.collection'), terms('collections'), '', t('embed.any'))}
      ${select('kind', t('embed.kind'), terms('resourceKinds'), '', t('embed.any'))}
    </div>
    <div data-for="projects resources"${state.widget === 'petition' ? html` hidden` : ''}>
      ${select('country', t('embed.country'), WEGOV_COUNTRIES.map((code) => [code, format.country(code)]), '', t('embed.any'))}
      ${select('theme', t('embed.theme'), terms('themes'), '', t('embed.any'))}
    </div>
    <div data-for="projects"${hiddenUnless('projects')}>${select('status', t('embed.status'), terms('projectStatuses'), '', t('embed.any'))}</div>
    <div data-for="projects resources"${state.widget === 'petition' ? html` hidden` : ''}>
      <div class="field"><label for="embed-limit">${t('embed.limit')}</label><input id="embed-limit" name="limit" type="number" min="1" max="100" value="${state.limit}" inputmode="numeric"></div>
    </div>
  </fieldset>
  <fieldset>
    <legend>${t('embed.language')}</legend>
    ${select('lang', t('embed.language'), LANGS.map((code) => [code, LANGUAGE_NAMES[code], code]), '', t('embed.pageLanguage'))}
  </fieldset>
  <fieldset>
    <legend>${t('embed.look')}</legend>
    ${select('scheme', t('embed.scheme'), ['auto', 'light', 'dark'].map((code) => [code, t(`embed.scheme.${code}`)]), 'auto', '')}
    ${colour('accent', t('embed.accent'), state.accent, 'embed-contrast-message')}
    <div class="contrast">
      <p id="embed-contrast-message" class="contrast__message" aria-live="polite"></p>
      <p hidden><button type="button" class="button button--secondary" id="embed-contrast-fix"></button></p>
    </div>
    ${colour('text', t('embed.text'), state.text)}
    ${colour('background', t('embed.background'), state.background)}
    <div class="field"><label for="embed-radius">${t('embed.radius')}</label><input id="embed-radius" name="radius" type="number" min="0" max="32" value="${state.radius}" inputmode="numeric"></div>
  </fieldset>
</form>
<section class="embed__preview" aria-labelledby="embed-preview-title">
  <h2 id="embed-preview-title">${t('embed.preview')}</h2>
  <div id="embed-preview" class="embed__stage"></div>
</section>
<section class="embed__snippet" aria-labelledby="embed-snippet-title">
  <h2 id="embed-snippet-title">${t('embed.snippet')}</h2>
  <pre dir="ltr" lang="en"><code id="embed-code" tabindex="0">${snippetFor(state, data.origin ?? '')}</code></pre>
  <p><button type="button" class="button" id="embed-copy" data-copied="${t('embed.copied')}" data-failed="${t('embed.copyFailed')}">${t('embed.copy')}</button></p>
  <p id="embed-copy-status" role="status"></p>
  <p class="muted">${t('embed.help')}</p>
</section>
</div>`
}
