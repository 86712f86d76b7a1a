import { html, nothing } from 'lit'
import { msg, str } from '@lit/localize'
import type { PersonFound, PlatformRole } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { type FieldErrors, focusFirstError, formValues, requiredErrors, textField } from '../shared/forms.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { isolate, roleName } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { colon } from '../shared/localization.js'

/** Admins: find a person by email and grant or remove the platform roles (admin, moderator). */
export class AdminRolesScreen extends ConsoleElement {
  static override properties = {
    people: { state: true },
    errors: { state: true },
    problem: { state: true },
    status: { state: true },
    busy: { state: true },
  }
  declare people: PersonFound[] | undefined
  declare errors: FieldErrors
  declare problem: Problem | undefined
  declare status: string
  declare busy: boolean

  constructor() {
    super()
    this.errors = {}
    this.status = ''
    this.busy = false
  }

  protected override render() {
    return html`<h1 id="screen-title" tabindex="-1">${msg('Platform roles')}</h1>
      <p>${msg('Administrators can do everything on WeGov, including granting roles. Moderators handle the moderation queues only.')}</p>
      <form class="card" novalidate role="search" @submit=${this.#search} aria-labelledby="find-title">
        <h2 id="find-title">${msg('Find a person')}</h2>
        ${textField({ id: 'email', label: msg('Email address'), type: 'email', required: true, autocomplete: 'off' }, this.errors)}
        <button class="button" type="submit" ?disabled=${this.busy}>${msg('Find')}</button>
      </form>
      <p role="status" class="status">${this.status}</p>
      ${renderProblem(this.problem)}
      ${this.people === undefined
        ? nothing
        : this.people.length === 0
          ? html`<p role="status">${msg('Nobody with this address has signed in to WeGov yet.')}</p>`
          : html`<ul class="list">${this.people.map((person) => this.#person(person))}</ul>`}`
  }

  #person(person: PersonFound) {
    const id = `platform-role-${person.id}`
    const who = person.name || person.email
    return html`<li class="item">
      <p class="item__title"><bdi>${who}</bdi></p>
      <p><bdi dir="ltr">${person.email}</bdi></p>
      <p class="muted">${msg('Platform role')}${colon()} ${person.platformRole ? roleName(person.platformRole) : msg('None')}</p>
      <form class="inline-form" novalidate @submit=${(event: SubmitEvent) => this.#save(event, person)}>
        <div class="field">
          <label for=${id}>${msg(str`Platform role of ${isolate(who)}`)}</label>
          <select id=${id} name="role">
            <option value="" ?selected=${!person.platformRole}>${msg('None')}</option>
            ${(['admin', 'moderator'] as const).map((role) => html`<option value=${role} ?selected=${person.platformRole === role}>${roleName(role)}</option>`)}
          </select>
        </div>
        <button class="button" type="submit" ?disabled=${this.busy}>${msg('Save the role')}</button>
      </form>
    </li>`
  }

  async #search(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    this.errors = requiredErrors(form)
    if (Object.keys(this.errors).length) return focusFirstError(this)
    await this.#run(async () => {
      this.people = (await state.api.people.search(formValues(form).email!)).items
    })
  }

  async #save(event: SubmitEvent, person: PersonFound): Promise<void> {
    event.preventDefault()
    const role = (formValues(event.currentTarget as HTMLFormElement).role || null) as PlatformRole | null
    await this.#run(async () => {
      await state.api.people.setPlatformRole(person.id, role)
      this.people = this.people?.map((p) => (p.id === person.id ? { ...p, platformRole: role } : p))
      const who = person.name || person.email
      this.status = role ? msg(str`${isolate(who)} is now ${isolate(roleName(role))}.`) : msg(str`${isolate(who)} no longer has a platform role.`)
      if (person.id === state.me?.id) await state.refreshMe()
    })
  }

  async #run(action: () => Promise<void>): Promise<void> {
    this.busy = true
    this.problem = undefined
    this.status = ''
    try {
      await action()
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }
}

customElements.define('wegov-admin-roles-screen', AdminRolesScreen)
