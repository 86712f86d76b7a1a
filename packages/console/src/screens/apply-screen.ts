import { html, nothing } from 'lit'
import { msg } from '@lit/localize'
import type { Application } from '../shared/api-types.js'
import { countrySelect, kindSelect, langSelect, organisationKinds } from '../shared/choices.js'
import { ConsoleElement } from '../shared/console-element.js'
import { countryName, dateTime } from '../shared/format.js'
import { type FieldErrors, focusFirstError, formValues, requiredErrors, textArea, textField } from '../shared/forms.js'
import { colon, currentLang } from '../shared/localization.js'
import { type Problem, fieldProblem, renderProblem, toProblem } from '../shared/problem.js'
import { applicationName, applicationStatus } from '../shared/screen.js'
import { state } from '../shared/state.js'

/** Apply to register an association: a WeGov admin reads it, then approves or declines it with a reason. */
export class ApplyScreen extends ConsoleElement {
  static override properties = {
    kinds: { state: true },
    mine: { state: true },
    errors: { state: true },
    problem: { state: true },
    status: { state: true },
    busy: { state: true },
  }
  declare kinds: { code: string; label: string }[]
  declare mine: Application[] | undefined
  declare errors: FieldErrors
  declare problem: Problem | undefined
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
    state.api.applications.list().then(
      (answer) => (this.mine = answer.items),
      () => (this.mine = []),
    )
  }

  protected override render() {
    return html`<h1 id="screen-title" tabindex="-1">${msg('Apply to register an association')}</h1>
      <p>${msg('Tell us about your association. A WeGov administrator will read your application and answer by email, in your language.')}</p>
      <p role="status" class="status">${this.status}</p>
      ${this.mine?.length ? this.#mine(this.mine) : nothing}
      <form class="card" novalidate @submit=${this.#submit} aria-labelledby="apply-title">
        <h2 id="apply-title">${msg('Your association')}</h2>
        ${textField({ id: 'name', label: msg('Name of the association'), required: true, maxlength: 200, dir: 'auto' }, this.errors)}
        ${langSelect({ id: 'originalLang', label: msg('Language of this name and description'), value: currentLang() }, this.errors)}
        ${textArea({ id: 'description', label: msg('What the association does'), maxlength: 2000 }, this.errors)}
        ${kindSelect({ id: 'kind', label: msg('Kind of organisation') }, this.kinds, this.errors)}
        ${countrySelect({ id: 'country', label: msg('Country') }, this.errors)}
        ${textField({ id: 'website', label: msg('Website'), type: 'url', autocomplete: 'url' }, this.errors)}
        ${textArea({ id: 'motivation', label: msg('Why do you want to join WeGov?'), required: true, maxlength: 2000 }, this.errors)}
        ${renderProblem(this.problem)}
        <button class="button" type="submit" ?disabled=${this.busy}>${msg('Send the application')}</button>
      </form>`
  }

  #mine(applications: Application[]) {
    return html`<section class="card" aria-labelledby="mine-title">
      <h2 id="mine-title">${msg('Your applications')}</h2>
      <ul class="list" aria-labelledby="mine-title">
        ${applications.map(
          (application) => html`<li class="item">
            <p class="item__title"><bdi lang=${application.originalLang}>${applicationName(application)}</bdi></p>
            <p class="muted">${countryName(application.country)} · ${applicationStatus(application.status)}
              ${application.createdAt ? html` · ${dateTime(application.createdAt)}` : nothing}</p>
            ${application.reason ? html`<p>${msg('Reason')}${colon()} <bdi>${application.reason}</bdi></p>` : nothing}
          </li>`,
        )}
      </ul>
    </section>`
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    this.problem = undefined
    this.status = ''
    this.errors = requiredErrors(form)
    if (Object.keys(this.errors).length) return focusFirstError(this)
    const values = formValues(form)
    this.busy = true
    try {
      const application = await state.api.applications.submit({
        // Written in one language: the original one, which translations are made from later.
        name: { [values.originalLang!]: values.name },
        originalLang: values.originalLang,
        description: values.description ? { [values.originalLang!]: values.description } : undefined,
        kind: values.kind,
        country: values.country,
        website: values.website || undefined,
        motivation: values.motivation,
      })
      this.mine = [application, ...(this.mine ?? [])]
      form.reset()
      this.status = msg('Thank you: your application is sent. We will answer by email.')
    } catch (error) {
      this.problem = toProblem(error)
      const errors: FieldErrors = {}
      for (const field of ['name', 'description', 'kind', 'country', 'website', 'motivation']) {
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

customElements.define('wegov-apply-screen', ApplyScreen)
