import { html, nothing } from 'lit'
import { msg } from '@lit/localize'
import { ConsoleElement } from '../shared/console-element.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { state } from '../shared/state.js'

/**
 * A library resource's document: choose a file, watch it go up through the SDK's client.files.upload (a
 * <progress> bar fed by its onProgress, the percentage announced politely). Fires `file-change` with the new
 * file's id ('' when removed): the editor then writes it as the resource's `fileId`, in the same create body
 * or merge patch as the other fields, so attaching is a new version like every edit.
 */
export class FileUpload extends ConsoleElement {
  static override properties = {
    organisationId: { type: String },
    fileId: { type: String },
    label: { type: String },
    fieldId: { type: String },
    sent: { state: true },
    total: { state: true },
    problem: { state: true },
    fileName: { state: true },
  }
  declare organisationId: string
  declare fileId: string
  declare label: string
  /** Prefix of the ids inside, so that two uploads can share a screen (the paper scan, the response's document). */
  declare fieldId: string
  declare sent: number
  declare total: number
  declare problem: Problem | undefined
  declare fileName: string

  constructor() {
    super()
    this.organisationId = ''
    this.fileId = ''
    this.label = ''
    this.fieldId = 'document'
    this.sent = 0
    this.total = 0
    this.fileName = ''
  }

  protected override render() {
    const id = this.fieldId
    const uploading = this.total > 0 && this.sent < this.total
    const percent = this.total ? Math.round((this.sent / this.total) * 100) : 0
    return html`<div class="field upload">
      <label for=${`${id}-file`}>${this.label} <span class="muted">${msg('(optional)')}</span></label>
      <p class="hint" id=${`${id}-file-hint`}>${msg('PDF, ODT, DOCX, ODP, PPTX, ODS, XLSX, PNG, JPEG or WebP.')}</p>
      <input id=${`${id}-file`} type="file" aria-describedby=${`${id}-file-hint`} ?disabled=${uploading}
        accept=".pdf,.odt,.docx,.odp,.pptx,.ods,.xlsx,.png,.jpg,.jpeg,.webp" @change=${this.#chosen} />
      ${this.total
        ? html`<progress id=${`${id}-progress`} max="100" .value=${percent} aria-labelledby=${`${id}-progress-label`}></progress>
            <p id=${`${id}-progress-label`} role="status">${uploading ? msg('Uploading…') : msg('Uploaded.')} ${percent} %</p>`
        : nothing}
      ${this.fileId
        ? html`<p class="muted">${msg('A document is attached.')} <a href=${`/v1/files/${this.fileId}`} target="_blank" rel="noopener">${msg('Open it')}</a>
              <button type="button" class="button button--secondary" @click=${this.#detach}>${msg('Detach the document')}</button></p>`
        : nothing}
      ${renderProblem(this.problem, `${id}-problem`)}
    </div>`
  }

  async #chosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement
    const file = input.files?.[0]
    if (!file) return
    // The input is disabled while the file goes up: the focus comes back to it afterwards.
    await this.keepingFocus(() => this.#upload(file))
  }

  async #upload(file: File): Promise<void> {
    this.problem = undefined
    this.fileName = file.name
    this.sent = 0
    this.total = file.size || 1
    try {
      const stored = await state.api.sdk.files.upload(this.organisationId, file, {
        name: file.name,
        onProgress: (sent, total) => {
          this.sent = sent
          this.total = total || file.size || 1
        },
      })
      this.sent = this.total
      this.fileId = stored.id
      this.dispatchEvent(new CustomEvent('file-change', { detail: stored.id, bubbles: true }))
    } catch (error) {
      this.total = 0
      this.problem = toProblem(error)
    }
  }

  #detach(): void {
    this.fileId = ''
    this.total = 0
    this.dispatchEvent(new CustomEvent('file-change', { detail: '', bubbles: true }))
    this.querySelector<HTMLInputElement>(`#${this.fieldId}-file`)?.focus()
  }
}

customElements.define('wegov-file-upload', FileUpload)
