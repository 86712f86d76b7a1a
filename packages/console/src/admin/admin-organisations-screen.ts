import { html, nothing } from 'lit'
import { msg, str } from '@lit/localize'
import type { Organisation } from '@wegov/sdk'
import { countrySelect, kindSelect, langSelect, organisationKinds } from '../shared/choices.js'
import { ConsoleElement } from '../shared/console-element.js'
import { countryName } from '../shared/format.js'
import { type FieldErrors, focusFirstError, formValues, requiredErrors, textField } from '../shared/forms.js'
import { currentLang } from '../shared/localization.js'
import { type Problem, fieldProblem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE, href } from '../shared/router.js'
import { isolate, loading, localized } from '../shared/screen.js'
import { state } from '../shared/state.js'

/** Admins: every organisation, and a new one with its first owner (invited by email). */
export class AdminOrganisationsScreen extends ConsoleElement {
  static override properties = {
    organisations: { state: true },
    kinds: { state: true },
    errors: { state: true },
    problem: { state: true },
    listProblem: { state: true },
    status: { state: true },
    busy: { state: true },
  }
  declare organisations: Organisation[] | undefined
  declare kinds: { code: string; label: string }[]
  declare errors: FieldErrors
  declare problem: Problem | undefined
  declare listProblem: Problem | undefined
  declare status: string
  declare busy: boolean

  constructor() {
    super()
    this.kinds = []
    this.errors = {}
    this.status = ''
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    organisationKinds(currentLang()).then(
      (kinds) => (this.kinds = kinds),
      (error) => (this.problem = toProblem(error)),
    )
    void this.#load()
  }

  async #load(): Promise<void> {
    try {
      const all: Organisation[] = []
      for await (const organisation of state.api.sdk.organisations.list({ limit: 100 })) all.push(organisation)
      this.organisations = all
    } catch (error) {
      this.listProblem = toProblem(error)
    }
  }

  protected override render() {
    return html`<h1 id="screen-title" tabindex="-1">${msg('Organisations')}</h1>
      <p role="status" class="status">${this.status}</p>
      ${this.#createForm()}
      <section class="card" aria-labelledby="all-title">
        <h2 id="all-title">${msg('All organisations')}</h2>
        ${renderProblem(this.listProblem, 'list-problem')}
        ${this.organisations === undefined
          ? this.listProblem
            ? nothing
            : loading()
          : html`<ul class="list" aria-labelledby="all-title">
              ${this.organisations.map(
                (organisation) => html`<li class="item">
                  <p class="item__title">${localized(organisation.name)}</p>
                  <p class="muted">${countryName(organisation.country)}</p>
                  <ul class="links">
                    <li><a href=${href(`${BASE}organisations/${organisation.id}`)}>${msg('Profile')}</a></li>
                    <li><a href=${href(`${BASE}organisations/${organisation.id}/members`)}>${msg('Members')}</a></li>
                  </ul>
                </li>`,
              )}
            </ul>`}
      </section>`
  }

  #createForm() {
    return html`<form class="card" novalidate @submit=${this.#create} aria-labelledby="create-title">
      <h2 id="create-title">${msg('Create an organisation')}</h2>
      ${textField({ id: 'name', label: msg('Name'), required: true, maxlength: 200, dir: 'auto' }, this.errors)}
      ${langSelect({ id: 'originalLang', label: msg('Language of this name'), value: currentLang() }, this.errors)}
      ${textField({ id: 'slug', label: msg('Short name in addresses (slug)'), maxlength: 80, ltr: true, hint: msg('Lower-case letters, digits and hyphens. Made from the name if left empty.') }, this.errors)}
      ${kindSelect({ id: 'kind', label: msg('Kind of organisation') }, this.kinds, this.errors)}
      ${countrySelect({ id: 'country', label: msg('Country') }, this.errors)}
      ${textField({ id: 'website', label: msg('Website'), type: 'url' }, this.errors)}
      <div class="check">
        <input type="checkbox" id="isPartner" name="isPartner" value="true" />
        <label for="isPartner">${msg('WeGov partner')}</label>
      </div>
      <fieldset>
        <legend>${msg('First owner')}</legend>
        ${textField({ id: 'ownerEmail', label: msg('Email address of the first owner'), type: 'email', hint: msg('They receive an invitation to manage the organisation.') }, this.errors)}
        ${langSelect({ id: 'ownerLang', label: msg('Language of the invitation email'), value: currentLang() }, this.errors)}
      </fieldset>
      ${renderProblem(this.problem)}
      <button class="button" type="submit" ?disabled=${this.busy}>${msg('Create the organisation')}</button>
    </form>`
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    this.problem = undefined
    this.status = ''
    this.errors = requiredErrors(form)
    const values = formValues(form)
    if (values.ownerEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.ownerEmail)) {
      this.errors = { ...this.errors, ownerEmail: msg('Enter an email address such as name@example.org.') }
    }
    if (Object.keys(this.errors).length) return focusFirstError(this)
    this.busy = true
    try {
      const created = await state.api.organisations.create({
        name: { [values.originalLang!]: values.name },
        originalLang: values.originalLang,
        slug: values.slug || undefined,
        kind: values.kind,
        country: values.country,
        website: values.website || undefined,
        isPartner: values.isPartner === 'true',
        ownerEmail: values.ownerEmail || undefined,
        ownerLang: values.ownerEmail ? values.ownerLang : undefined,
      })
      form.reset()
      const name = values.name!
      this.status = values.ownerEmail
        ? msg(str`${isolate(name)} is created, and ${isolate(values.ownerEmail)} is invited to own it.`)
        : msg(str`${isolate(name)} is created.`)
      this.organisations = undefined
      void created
      await this.#load()
    } catch (error) {
      this.problem = toProblem(error)
      const errors: FieldErrors = {}
      for (const field of ['name', 'slug', 'kind', 'country', 'website', 'ownerEmail']) {
        const message = fieldProblem(this.problem, field)
        if (message) errors[field] = message
      }
      this.errors = errors
      void focusFirstError(this)
    } finally {
      this.busy = false
    }
  }
}

customElements.define('wegov-admin-organisations-screen', AdminOrganisationsScreen)
