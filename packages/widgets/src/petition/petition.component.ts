import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import { getOrganisation, getPetition, getPetitionCount, type Petition, type PetitionCount, type PublicSignature } from '@wegov/sdk'
import { emit } from '../shared/events.js'
import { LoadController } from '../shared/load-controller.js'
import { type Problem, toProblem } from '../shared/problem.js'
import { problemMessage, renderProblem } from '../shared/problem-view.js'
import { WeGovElement } from '../shared/wegov-element.js'
import { renderPetitionHeader } from './petition-header.js'
import type { SigningFlow } from './petition-signing.js'
import { signingMessages } from './signing-messages.js'
import { styles } from './petition.styles.js'

const LIVE_COUNT_MS = 60_000

/**
 * @tagname wegov-petition
 * @summary A petition with its live count, and the whole signing flow in place: form, emailed code, thanks.
 *
 * @event wegov-loaded - The petition is shown. `detail: {widget: 'petition', count: 1}`.
 * @event wegov-signed - A signature was confirmed with its emailed code. `detail: {petition, partner, confirmed}`.
 * @event wegov-error - Something failed and the visitor was told; `detail: {code, status, message}`.
 *
 * @csspart base - The widget's frame.
 * @csspart title - The petition's title.
 * @csspart text - The full petition text, once expanded.
 * @csspart progress - The count, goal and time left.
 * @csspart progress-bar - The filled part of the progress bar.
 * @csspart response - The official response.
 * @csspart state - Where the petition stands once signing is over or it awaits a response: closed, awaiting response, responded.
 * @csspart form - The signing form.
 * @csspart code-form - The form asking for the emailed code.
 * @csspart thanks - The thank-you message and sharing buttons.
 * @csspart button - Every button (also `sign`, `submit`, `confirm`, `toggle`, `share`, `copy`, `retry`).
 * @csspart problem - An error message box.
 * @csspart signers - The list of the latest public signers (with `show-signers`).
 *
 * @cssproperty --wegov-color-bg - Background.
 * @cssproperty --wegov-color-surface - Panels, progress track and skeleton background.
 * @cssproperty --wegov-color-text - Text colour.
 * @cssproperty --wegov-color-muted - Secondary text colour.
 * @cssproperty --wegov-color-border - Borders of the frame and fields.
 * @cssproperty --wegov-color-accent - Buttons, links and the progress bar.
 * @cssproperty --wegov-color-on-accent - Text on accent-coloured buttons.
 * @cssproperty --wegov-color-danger - Error messages and invalid fields.
 * @cssproperty --wegov-color-success - The confirmation message.
 * @cssproperty --wegov-color-focus - The focus ring.
 * @cssproperty --wegov-font-family - Font stack.
 * @cssproperty --wegov-font-size - Base font size.
 * @cssproperty --wegov-radius - Corner radius.
 * @cssproperty --wegov-space - Base spacing unit.
 */
export class WeGovPetition extends WeGovElement {
  static override styles = styles
  static override properties: PropertyDeclarations = {
    petition: { type: String },
    partner: { type: String },
    showSigners: { type: Boolean, attribute: 'show-signers' },
    textOpen: { state: true },
    signers: { state: true },
    count: { state: true },
  }

  /** The petition's slug or id. */
  declare petition: string
  /**
   * Slug of the partner organisation whose site this is: signatures are attributed to it. A slug that
   * names no registered organisation is reported once, as a console warning.
   */
  declare partner: string
  /** Also list the latest public signers, with their comments. */
  declare showSigners: boolean
  /** @internal */
  declare private textOpen: boolean
  /** @internal The live count (online, and paper apart), once refreshed after the petition loaded (until then, the petition's own). */
  declare private count: PetitionCount | undefined
  /** @internal The latest public signers, once loaded (with `show-signers`). */
  declare private signers: PublicSignature[] | undefined

  readonly #loaded = new LoadController<Petition>(this, (problem) => this.reportProblem(problem))
  #loadedKey = ''
  #partnerCountry: string | undefined
  /** The signers list's module, once `show-signers` asked for it. */
  #signersView: typeof import('./petition-signers.js') | undefined
  #timer: ReturnType<typeof setInterval> | undefined
  /** The signing flow, a module loaded when the visitor opens the form (see petition-signing.ts). */
  #flow: SigningFlow | undefined
  #opening = false
  /** The flow's module could not be loaded (offline). */
  #flowProblem: Problem | undefined

  constructor() {
    super()
    this.petition = this.partner = ''
    this.textOpen = this.showSigners = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    // The count is kept live while the widget is on the page; the API serves it from a short cache.
    this.#timer = setInterval(() => void this.#refreshCount(), LIVE_COUNT_MS)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    clearInterval(this.#timer)
  }

  // Loading starts before render, as in the list widgets: one render instead of two.
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const key = `${this.api} ${this.petition} ${this.partner} ${this.l10n.lang}`
    if (this.l10n.ready && this.petition && key !== this.#loadedKey) {
      this.#loadedKey = key
      this.count = undefined
      this.signers = undefined
      void this.#load()
    } else if (changed.has('showSigners') && this.showSigners && this.#loaded.value && !this.signers) {
      void this.#refreshSigners()
    }
  }

  async #load(): Promise<void> {
    const transport = this.transport
    const petition = await this.#loaded.load(async () => {
      const slug = this.partner
      const [petition, partner] = await Promise.all([
        getPetition(transport, this.petition),
        slug
          ? getOrganisation(transport, slug).catch(async (error: unknown) => {
              // Only a misconfigured embed needs the warning's code: loaded then.
              const { warnIfUnknownPartner } = await import('./unknown-partner.js')
              warnIfUnknownPartner(slug, error)
              return undefined
            })
          : undefined,
      ])
      this.#partnerCountry = partner?.country
      return petition
    })
    if (!petition) return
    emit(this, 'wegov-loaded', { widget: 'petition', count: 1 })
    if (this.showSigners) void this.#refreshSigners()
  }

  /** The list is an extra: if it cannot be read, the petition and its form still work, so nothing is shown. */
  async #refreshSigners(fresh = false): Promise<void> {
    const petition = this.#loaded.value
    if (!petition || !this.showSigners) return
    try {
      const view = await import('./petition-signers.js')
      await this.l10n.include(view.signersMessages)
      this.#signersView = view
      this.signers = await this.#signersView.latestSigners(this.transport, petition.id, fresh)
    } catch {
      // Tried again after the next confirmation.
    }
  }

  /** `fresh` after a confirmation: the browser may hold a reply from a few seconds before it. */
  async #refreshCount(fresh = false): Promise<void> {
    if (!this.#loaded.value || document.hidden) return
    try {
      this.count = await getPetitionCount(this.transport, this.#loaded.value.id, { fresh })
    } catch {
      // A missed refresh is harmless: the next one will catch up.
    }
  }

  /**
   * "Sign this petition": loads the signing flow (form, countries, proof-of-work, steps) and its messages
   * in the widget's language, side by side, and opens the form.
   */
  readonly #openForm = async () => {
    if (this.#opening) return
    this.#opening = true
    this.#flowProblem = undefined
    this.requestUpdate()
    try {
      const [{ SigningFlow }] = await Promise.all([import('./petition-signing.js'), this.l10n.include(signingMessages)])
      this.#flow ??= new SigningFlow({
        host: this,
        l10n: this.l10n,
        transport: () => this.transport,
        petition: () => this.petition,
        partner: () => this.partner,
        loaded: () => this.#loaded.value,
        country: () => this.#partnerCountry ?? this.#loaded.value?.country ?? '',
        report: (problem) => this.reportProblem(problem),
        signatureConfirmed: () => {
          void this.#refreshCount(true)
          void this.#refreshSigners(true)
        },
      })
      this.#flow.open()
    } catch (error) {
      // Offline: the button stays, with the reason, and works again once the connection is back.
      this.#flowProblem = toProblem(error)
      this.reportProblem(this.#flowProblem)
    } finally {
      this.#opening = false
      this.requestUpdate()
    }
  }

  override render() {
    const { lang, dir } = this.l10n
    const petition = this.#loaded.value
    const failed = this.#loaded.status === 'error' && this.#loaded.problem
    const name = this.regionName(petition?.title.text ?? '')
    return html`<section class="base" part="base" lang=${lang} dir=${dir} aria-labelledby=${name.labelledby} aria-label=${name.label || nothing} aria-busy=${!petition && !failed}>
      ${!this.l10n.ready || (!petition && !failed)
        ? this.#renderSkeleton()
        : failed
          ? renderProblem(this.l10n, failed, () => void this.#load())
          : html`${renderPetitionHeader(this.l10n, petition!, {
                count: this.count?.total ?? petition!.signatureCount,
                paper: this.count?.paper.total ?? petition!.paperCount,
                withTitle: !this.noHeading,
                textOpen: this.textOpen,
                toggleText: () => (this.textOpen = !this.textOpen),
              }, this.subheadingLevel)}
              ${this.#renderStep(petition!)}
              ${this.showSigners && this.signers && this.#signersView ? this.#signersView.renderSigners(this.l10n, this.signers, this.subheadingLevel) : nothing}`}
    </section>`
  }

  #renderStep(petition: Petition) {
    if (this.#flow) return this.#flow.render()
    const { msg } = this.l10n
    if (!petition.acceptingSignatures) {
      return html`<div class="problem" part="problem" data-problem="closed">
        <p>${petition.status === 'upcoming' ? msg('This petition is not open for signatures yet.', { id: 'petition.not-open' }) : problemMessage(this.l10n, toProblem({ code: 'WEGOV_PETITION_CLOSED', status: 409 }))}</p>
      </div>`
    }
    // Not disabled while the flow loads: a disabled button would drop the keyboard focus.
    return html`<button class="button sign" part="button sign" type="button" aria-busy=${this.#opening} @click=${this.#openForm}>
        ${msg('Sign this petition', { id: 'petition.form-title' })}
      </button>
      ${this.#flowProblem ? renderProblem(this.l10n, this.#flowProblem, undefined) : nothing}`
  }

  #renderSkeleton() {
    return html`<div aria-hidden="true" class="skeleton-stack">
      ${this.noHeading ? nothing : html`<span class="skeleton skeleton--title"></span>`}
      <span class="skeleton skeleton--text"></span>
      <span class="skeleton skeleton--button"></span>
      <span class="skeleton skeleton--progress"></span>
      <span class="skeleton skeleton--button"></span>
    </div>`
  }
}
