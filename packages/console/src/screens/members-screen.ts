import { html, nothing } from 'lit'
import { msg, str } from '@lit/localize'
import { type Invitation, type Member, ORGANISATION_ROLES, type OrganisationRole } from '../shared/api-types.js'
import { langSelect } from '../shared/choices.js'
import { ConsoleElement } from '../shared/console-element.js'
import { dateTime } from '../shared/format.js'
import { type FieldErrors, confirmAction, focusFirstError, formValues, requiredErrors, textField } from '../shared/forms.js'
import type { Lang } from '../shared/lang.js'
import { colon, currentLang } from '../shared/localization.js'
import { organisationNav } from '../shared/organisation-nav.js'
import { type Problem, fieldProblem, renderProblem, toProblem } from '../shared/problem.js'
import { forItem, isolate, loading, roleName } from '../shared/screen.js'
import { state } from '../shared/state.js'

/** An organisation's members and the invitations still open; owners invite, change roles and remove. */
export class MembersScreen extends ConsoleElement {
  static override properties = {
    organisationId: { type: String },
    members: { state: true },
    invitations: { state: true },
    problem: { state: true },
    status: { state: true },
    errors: { state: true },
    busy: { state: true },
  }
  declare organisationId: string
  declare members: Member[] | undefined
  declare invitations: Invitation[] | undefined
  declare problem: Problem | undefined
  declare status: string
  declare errors: FieldErrors
  declare busy: boolean

  constructor() {
    super()
    this.organisationId = ''
    this.status = ''
    this.errors = {}
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  get #manages(): boolean {
    return state.managesOrganisation(this.organisationId)
  }

  async #load(): Promise<void> {
    try {
      const [members, invitations] = await Promise.all([
        state.api.organisations.members(this.organisationId),
        this.#manages ? state.api.organisations.invitations(this.organisationId) : Promise.resolve({ items: [] }),
      ])
      this.members = members.items
      this.invitations = invitations.items
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  protected override render() {
    return html`<h1 id="screen-title" tabindex="-1">${msg('Members and invitations')}</h1>
      ${organisationNav(this.organisationId, 'members')}
      <p role="status" class="status">${this.status}</p>
      ${renderProblem(this.problem)}
      <section class="card" aria-labelledby="members-title">
        <h2 id="members-title">${msg('Members')}</h2>
        ${this.members === undefined ? (this.problem ? nothing : loading()) : this.#memberList(this.members)}
      </section>
      ${this.#manages ? this.#invitationsSection() : nothing}`
  }

  #memberList(members: Member[]) {
    return html`<ul class="list" aria-labelledby="members-title">
      ${members.map((member) => {
        const selectId = `role-${member.personId}`
        const who = member.name || member.email
        return html`<li class="item">
          ${member.name
            ? html`<p class="item__title"><bdi>${member.name}</bdi></p>
                ${member.email ? html`<p><bdi dir="ltr">${member.email}</bdi></p>` : nothing}`
            : html`<p class="item__title"><bdi dir="ltr">${member.email}</bdi></p>`}
          <p class="muted">${msg('Role')}${colon()} ${roleName(member.role)} · ${msg('Member since')} ${dateTime(member.since)}</p>
          ${this.#manages
            ? html`<form class="inline-form" novalidate @submit=${(event: SubmitEvent) => this.#changeRole(event, member)}>
                <div class="field">
                  <label for=${selectId}>${msg(str`Role of ${isolate(who)}`)}</label>
                  <select id=${selectId} name="role">
                    ${ORGANISATION_ROLES.map((role) => html`<option value=${role} ?selected=${role === member.role}>${roleName(role)}</option>`)}
                  </select>
                </div>
                <button class="button button--secondary" type="submit" ?disabled=${this.busy}>${msg('Change role')}</button>
                <button class="button button--danger" type="button" ?disabled=${this.busy} @click=${() => this.#remove(member)}>
                  ${forItem(msg('Remove'), who ?? '')}
                </button>
              </form>`
            : nothing}
        </li>`
      })}
    </ul>`
  }

  #invitationsSection() {
    return html`<section class="card" aria-labelledby="invitations-title">
      <h2 id="invitations-title">${msg('Invitations')}</h2>
      ${this.invitations === undefined
        ? nothing
        : this.invitations.length === 0
          ? html`<p class="muted">${msg('No invitation is waiting for an answer.')}</p>`
          : html`<ul class="list" aria-labelledby="invitations-title">
              ${this.invitations.map(
                (invitation) => html`<li class="item">
                  <p class="item__title"><bdi dir="ltr">${invitation.email}</bdi></p>
                  <p class="muted">${msg('Role')}${colon()} ${roleName(invitation.role)} · ${msg('Expires')} ${dateTime(invitation.expiresAt)} ·
                    ${invitationStatus(invitation.status)}</p>
                  ${invitation.status === 'pending'
                    ? html`<button type="button" class="button button--danger" ?disabled=${this.busy} @click=${() => this.#revoke(invitation)}>
                        ${forItem(msg('Revoke'), invitation.email)}
                      </button>`
                    : nothing}
                </li>`,
              )}
            </ul>`}
      <form novalidate @submit=${this.#invite} aria-labelledby="invite-title">
        <h3 id="invite-title">${msg('Invite someone')}</h3>
        ${textField({ id: 'invite-email', label: msg('Email address'), type: 'email', required: true, autocomplete: 'off' }, this.errors)}
        <div class="field">
          <label for="invite-role">${msg('Role')}</label>
          <select id="invite-role" name="invite-role">
            ${ORGANISATION_ROLES.map((role) => html`<option value=${role} ?selected=${role === 'editor'}>${roleName(role)}</option>`)}
          </select>
        </div>
        ${langSelect({ id: 'invite-lang', label: msg('Language of the invitation email'), value: currentLang() }, this.errors)}
        <button class="button" type="submit" ?disabled=${this.busy}>${msg('Send the invitation')}</button>
      </form>
    </section>`
  }

  async #invite(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    this.errors = requiredErrors(form)
    if (Object.keys(this.errors).length) return focusFirstError(this)
    const values = formValues(form)
    await this.#run(async () => {
      const invitation = await state.api.organisations.invite(this.organisationId, {
        email: values['invite-email']!,
        role: values['invite-role'] as OrganisationRole,
        lang: values['invite-lang'] as Lang,
      })
      this.invitations = [invitation, ...(this.invitations ?? [])]
      form.reset()
      this.status = msg(str`Invitation sent to ${isolate(invitation.email)}.`)
    })
    const emailError = fieldProblem(this.problem, 'email')
    if (emailError) {
      this.errors = { 'invite-email': emailError }
      void focusFirstError(this)
    }
  }

  async #changeRole(event: SubmitEvent, member: Member): Promise<void> {
    event.preventDefault()
    const role = formValues(event.currentTarget as HTMLFormElement).role as OrganisationRole
    await this.#run(async () => {
      await state.api.organisations.setMemberRole(this.organisationId, member.personId, role)
      this.members = this.members?.map((m) => (m.personId === member.personId ? { ...m, role } : m))
      this.status = msg(str`${isolate(member.name || member.email)} is now ${isolate(roleName(role))}.`)
      if (member.personId === state.me?.id) await state.refreshMe()
    })
  }

  async #remove(member: Member): Promise<void> {
    const who = member.name || member.email
    if (!(await confirmAction(msg(str`Remove ${isolate(who)} from this organisation?`), msg('Remove')))) return
    await this.#run(async () => {
      await state.api.organisations.removeMember(this.organisationId, member.personId)
      this.members = this.members?.filter((m) => m.personId !== member.personId)
      this.status = msg(str`${isolate(who)} is no longer a member.`)
      if (member.personId === state.me?.id) await state.refreshMe()
    })
  }

  async #revoke(invitation: Invitation): Promise<void> {
    if (!(await confirmAction(msg(str`Revoke the invitation of ${isolate(invitation.email)}? Its link will stop working.`), msg('Revoke')))) return
    await this.#run(async () => {
      await state.api.organisations.revokeInvitation(this.organisationId, invitation.id)
      this.invitations = this.invitations?.filter((i) => i.id !== invitation.id)
      this.status = msg('The invitation is revoked.')
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

function invitationStatus(status: string): string {
  switch (status) {
    case 'pending':
      return msg('Waiting for an answer')
    case 'accepted':
      return msg('Accepted')
    case 'revoked':
      return msg('Revoked')
    case 'expired':
      return msg('Expired')
    default:
      return status
  }
}

customElements.define('wegov-members-screen', MembersScreen)
