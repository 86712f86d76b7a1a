import { html, nothing } from 'lit'
import { msg } from '@lit/localize'
import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser'
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser'
import type { Passkey, Session } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { dateTime } from '../shared/format.js'
import { type FieldErrors, confirmAction, focusFirstError, formValues, requiredErrors, textField } from '../shared/forms.js'
import { LANG_NAMES, LANGS } from '../shared/lang.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE, navigate } from '../shared/router.js'
import { forItem, loading } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { colon } from '../shared/localization.js'

/** My account: name and language, passkeys, and the sessions signed in as me (each can be signed out). */
export class AccountScreen extends ConsoleElement {
  static override properties = {
    passkeys: { state: true },
    sessions: { state: true },
    status: { state: true },
    problem: { state: true },
    errors: { state: true },
    busy: { state: true },
  }
  declare passkeys: Passkey[] | undefined
  declare sessions: Session[] | undefined
  /** What just succeeded, said politely (role=status). */
  declare status: string
  declare problem: Problem | undefined
  declare errors: FieldErrors
  declare busy: boolean

  constructor() {
    super()
    this.status = ''
    this.errors = {}
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    try {
      const [passkeys, sessions] = await Promise.all([state.api.me.passkeys(), state.api.me.sessions()])
      this.passkeys = passkeys.items
      this.sessions = sessions.items
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  protected override render() {
    const me = state.me
    if (!me) return nothing
    return html`<h1 id="screen-title" tabindex="-1">${msg('My account')}</h1>
      <p role="status" class="status">${this.status}</p>
      ${renderProblem(this.problem)}
      <section class="card" aria-labelledby="details-title">
        <h2 id="details-title">${msg('Your details')}</h2>
        <p>${msg('Email address')}${colon()} <bdi dir="ltr">${me.email}</bdi></p>
        <form novalidate @submit=${this.#saveDetails}>
          ${textField({ id: 'name', label: msg('Your name'), value: me.name ?? '', autocomplete: 'name', maxlength: 120, dir: 'auto' }, this.errors)}
          <div class="field">
            <label for="lang">${msg('Language of the emails WeGov sends you')}</label>
            <select id="lang" name="lang">
              ${LANGS.map((lang) => html`<option value=${lang} lang=${lang} ?selected=${me.lang === lang}>${LANG_NAMES[lang]}</option>`)}
            </select>
          </div>
          <button class="button" type="submit" ?disabled=${this.busy}>${msg('Save')}</button>
        </form>
      </section>
      ${this.#passkeySection()} ${this.#sessionSection()}`
  }

  #passkeySection() {
    return html`<section class="card" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">${msg('Passkeys')}</h2>
      <p>${msg('A passkey lets you sign in with this device’s screen lock or a security key, without waiting for a code.')}</p>
      ${this.passkeys === undefined
        ? loading()
        : this.passkeys.length === 0
          ? html`<p class="muted">${msg('You have no passkey yet.')}</p>`
          : html`<ul class="list" aria-labelledby="passkeys-title">
              ${this.passkeys.map(
                (passkey) => html`<li class="item">
                  <p class="item__title"><bdi>${passkey.name}</bdi></p>
                  <p class="muted">
                    ${msg('Added')} ${dateTime(passkey.createdAt)} ·
                    ${passkey.lastUsedAt ? html`${msg('Last used')} ${dateTime(passkey.lastUsedAt)}` : msg('Never used')}
                  </p>
                  <button type="button" class="button button--danger" @click=${() => this.#removePasskey(passkey)}>
                    ${forItem(msg('Remove'), passkey.name)}
                  </button>
                </li>`,
              )}
            </ul>`}
      <form novalidate @submit=${this.#addPasskey} aria-labelledby="add-passkey-title">
        <h3 id="add-passkey-title">${msg('Add a passkey')}</h3>
        ${textField(
          { id: 'passkey-name', label: msg('Name of the passkey'), required: true, maxlength: 80, hint: msg('So you can tell your passkeys apart, e.g. “Work laptop”.'), dir: 'auto' },
          this.errors,
        )}
        <button class="button" type="submit" ?disabled=${this.busy}>${msg('Add a passkey')}</button>
      </form>
    </section>`
  }

  #sessionSection() {
    return html`<section class="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">${msg('Where you are signed in')}</h2>
      ${this.sessions === undefined
        ? loading()
        : html`<ul class="list" aria-labelledby="sessions-title">
            ${this.sessions.map(
              (session) => html`<li class="item">
                <p class="item__title">
                  ${session.userAgent ? html`<bdi dir="ltr">${session.userAgent}</bdi>` : msg('Unknown browser')}
                  ${session.current ? html`<strong class="badge">${msg('This device')}</strong>` : nothing}
                </p>
                <p class="muted">
                  ${session.method === 'passkey' ? msg('Signed in with a passkey') : msg('Signed in with an email code')} ·
                  ${msg('Since')} ${dateTime(session.createdAt)} · ${msg('Last active')} ${dateTime(session.lastSeenAt)}
                </p>
                <button type="button" class="button button--secondary" @click=${() => this.#revokeSession(session)}>
                  ${forItem(msg('Sign out'), session.current ? msg('This device') : `${session.userAgent ?? ''} ${dateTime(session.createdAt)}`)}
                </button>
              </li>`,
            )}
          </ul>`}
      <button type="button" class="button button--danger" id="sign-out-everywhere" @click=${this.#revokeAll}>${msg('Sign out everywhere')}</button>
    </section>`
  }

  async #saveDetails(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const values = formValues(event.currentTarget as HTMLFormElement)
    await this.#run(async () => {
      state.setMe(await state.api.me.update({ name: values.name ?? '', lang: values.lang as 'ar' | 'fr' | 'en' }))
      this.status = msg('Your details are saved.')
    })
  }

  async #addPasskey(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    this.errors = requiredErrors(form)
    if (Object.keys(this.errors).length) return focusFirstError(this)
    if (!browserSupportsWebAuthn()) {
      this.problem = { status: 400, code: 'PASSKEYS_UNSUPPORTED', detail: msg('This browser cannot use passkeys.'), fields: [] }
      return
    }
    const name = formValues(form)['passkey-name']!
    await this.#run(async () => {
      const answer = await state.api.me.passkeyOptions()
      const options = (answer.options ?? answer) as PublicKeyCredentialCreationOptionsJSON
      const challengeId = String(answer.challengeId ?? '')
      let response
      try {
        response = await startRegistration({ optionsJSON: options })
      } catch (error) {
        const errorName = (error as { name?: string }).name
        if (errorName === 'NotAllowedError' || errorName === 'AbortError') {
          throw { status: 400, code: 'PASSKEY_CANCELLED', detail: msg('No passkey was added: the browser’s prompt was closed.') }
        }
        throw error
      }
      const passkey = await state.api.me.addPasskey(challengeId, name, response)
      this.passkeys = [...(this.passkeys ?? []), passkey]
      form.reset()
      this.status = msg('The passkey is added. You can now sign in with it.')
    })
  }

  async #removePasskey(passkey: Passkey): Promise<void> {
    if (!(await confirmAction(msg('Remove this passkey? You will no longer be able to sign in with it.'), msg('Remove')))) return
    await this.#run(async () => {
      await state.api.me.removePasskey(passkey.id)
      this.passkeys = this.passkeys?.filter((p) => p.id !== passkey.id)
      this.status = msg('The passkey is removed.')
    })
  }

  async #revokeSession(session: Session): Promise<void> {
    await this.#run(async () => {
      await state.api.me.revokeSession(session.id)
      if (session.current) return this.#signedOut()
      this.sessions = this.sessions?.filter((s) => s.id !== session.id)
      this.status = msg('That session is signed out.')
    })
  }

  async #revokeAll(): Promise<void> {
    if (!(await confirmAction(msg('Sign out on every device, this one included?'), msg('Sign out everywhere')))) return
    await this.#run(async () => {
      await state.api.me.revokeAllSessions()
      this.#signedOut()
    })
  }

  #signedOut(): void {
    state.setMe(null)
    navigate(`${BASE}sign-in`)
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

customElements.define('wegov-account-screen', AccountScreen)
