import { html, nothing } from 'lit'
import { msg } from '@lit/localize'
import type { ManagedOrganisation, Translations } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { type Licence, licenceSelect } from '../shared/choices.js'
import { type FieldErrors, formValues, textArea, textField } from '../shared/forms.js'
import { LANG_NAMES, LANGS, type Lang } from '../shared/lang.js'
import { colon, currentLang } from '../shared/localization.js'
import { organisationNav } from '../shared/organisation-nav.js'
import { type Problem, fieldProblem, renderProblem, toProblem } from '../shared/problem.js'
import { loading } from '../shared/screen.js'
import { state } from '../shared/state.js'

/**
 * An organisation's public profile in its three languages side by side, each saying what it still lacks.
 * Emptying a language's field removes that translation (the API keeps the original language's name).
 */
export class OrganisationProfileScreen extends ConsoleElement {
  static override properties = {
    organisationId: { type: String },
    profile: { state: true },
    problem: { state: true },
    status: { state: true },
    busy: { state: true },
  }
  declare organisationId: string
  declare profile: ManagedOrganisation | undefined
  declare problem: Problem | undefined
  declare status: string
  declare busy: boolean

  constructor() {
    super()
    this.organisationId = ''
    this.status = ''
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    try {
      this.profile = await state.api.organisations.profile(this.organisationId)
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  protected override render() {
    const profile = this.profile
    const name = profile ? (profile.name[profile.originalLang] ?? Object.values(profile.name).find(Boolean) ?? '') : ''
    return html`<h1 id="screen-title" tabindex="-1">${msg('Organisation profile')}${name ? html`: <bdi lang=${profile!.originalLang}>${name}</bdi>` : nothing}</h1>
      ${organisationNav(this.organisationId, 'profile')}
      <p role="status" class="status">${this.status}</p>
      ${renderProblem(this.problem)} ${profile ? this.#form(profile) : this.problem ? nothing : loading()}`
  }

  #form(profile: ManagedOrganisation) {
    const editable = state.managesOrganisation(this.organisationId)
    const errors: FieldErrors = {}
    for (const lang of LANGS) {
      for (const field of ['name', 'description'] as const) {
        const message = fieldProblem(this.problem, `${field}.${lang}`)
        if (message) errors[`${field}-${lang}`] = message
      }
    }
    for (const field of ['website', 'logoUrl', 'licence', 'iatiIdentifier']) {
      const message = fieldProblem(this.problem, field)
      if (message) errors[field] = message
    }
    return html`<form novalidate @submit=${this.#save}>
      ${editable ? nothing : html`<p class="note">${msg('Only the organisation’s owners can change its profile.')}</p>`}
      <p class="muted">${msg('Original language')}${colon()} ${LANG_NAMES[profile.originalLang]}</p>
      <div class="translations">
        ${LANGS.map((lang) => this.#language(profile, lang, errors, editable))}
      </div>
      <fieldset ?disabled=${!editable}>
        <legend>${msg('In every language')}</legend>
        ${textField({ id: 'website', label: msg('Website'), type: 'url', value: profile.website ?? '', autocomplete: 'url' }, errors)}
        ${textField({ id: 'logoUrl', label: msg('Logo address (URL)'), type: 'url', value: profile.logoUrl ?? '' }, errors)}
        ${licenceSelect(
          { id: 'licence', label: msg('Licence of your content'), value: profile.licence },
          msg('Projects, resources and petitions you publish are in the open data downloads under this licence.'),
          errors,
        )}
        ${textField(
          {
            id: 'iatiIdentifier',
            label: msg('IATI organisation identifier'),
            hint: msg('The identifier your registration agency gave you, as listed on org-id.guide, e.g. TN-RNE-1234567A. Your projects are in the IATI open-data file only when it is set.'),
            value: profile.iatiIdentifier ?? '',
            maxlength: 100,
            ltr: true,
            autocomplete: 'off',
          },
          errors,
        )}
      </fieldset>
      ${editable ? html`<button class="button" type="submit" ?disabled=${this.busy}>${msg('Save the profile')}</button>` : nothing}
    </form>`
  }

  #language(profile: ManagedOrganisation, lang: Lang, errors: FieldErrors, editable: boolean) {
    const missing = profile.missing?.[lang] ?? []
    const fieldLabel = (field: string) => (field === 'name' ? msg('Name') : field === 'description' ? msg('Description') : field)
    return html`<fieldset class="translation" ?disabled=${!editable} aria-describedby=${`missing-${lang}`}>
      <legend><span lang=${lang}>${LANG_NAMES[lang]}</span></legend>
      <p id=${`missing-${lang}`} class=${missing.length ? 'missing' : 'complete'}>
        ${missing.length
          ? html`${msg('Missing in this language')}${colon()} ${new Intl.ListFormat(currentLang(), { type: 'conjunction' }).format(missing.map(fieldLabel))}`
          : msg('Nothing missing in this language.')}
      </p>
      ${textField({ id: `name-${lang}`, label: msg('Name'), value: profile.name[lang] ?? '', maxlength: 200, dir: 'auto', lang, required: lang === profile.originalLang }, errors)}
      ${textArea({ id: `description-${lang}`, label: msg('Description'), value: profile.description?.[lang] ?? '', rows: 6, lang }, errors)}
    </fieldset>`
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const values = formValues(event.currentTarget as HTMLFormElement)
    const name: Translations = {}
    const description: Translations = {}
    for (const lang of LANGS) {
      name[lang] = values[`name-${lang}`] || null
      description[lang] = values[`description-${lang}`] || null
    }
    this.busy = true
    this.problem = undefined
    this.status = ''
    try {
      this.profile = await state.api.organisations.updateProfile(this.organisationId, {
        name,
        description,
        website: values.website || null,
        logoUrl: values.logoUrl || null,
        licence: values.licence as Licence,
        iatiIdentifier: values.iatiIdentifier || null,
      })
      this.status = msg('The profile is saved.')
      await state.refreshMe()
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }
}

customElements.define('wegov-organisation-profile-screen', OrganisationProfileScreen)
