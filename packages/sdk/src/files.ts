import { errorFromResponse, networkError } from './errors.js'
import { segment, type Transport } from './transport.js'
import type { components } from './generated/openapi.js'

/** What an upload answers: the file's id (for a resource's `fileId`), its checked type, size and SHA-256. */
export type UploadedFile = components['schemas']['UploadedFile']

export interface UploadOptions {
  /** The name it is downloaded under (its extension is corrected to the real type). Default: the File's name. */
  name?: string
  /** Bytes sent so far and in all. Browsers only (XMLHttpRequest): fetch reports no upload progress. */
  onProgress?: (sent: number, total: number) => void
  signal?: AbortSignal
}

/**
 * Uploads a document for the library as `organisationId` (an editor's session, or a key with content:write).
 * Not retried: a repeated upload is a second file (its bytes are stored once all the same).
 *
 * ```ts
 * const file = await wegov.files.upload(organisationId, input.files[0], { onProgress: (sent, total) => bar.value = sent / total })
 * await wegov.resources.create(organisationId, { ...resource, fileId: file.id })
 * ```
 */
export async function uploadFile(t: Transport, organisationId: string, file: Blob, options: UploadOptions = {}): Promise<UploadedFile> {
  const name = options.name ?? (typeof (file as File).name === 'string' ? (file as File).name : 'document')
  const form = new FormData()
  form.append('file', file, name)
  const url = `${t.baseUrl}/v1/organisations/${segment(organisationId)}/files`
  const headers: Record<string, string> = { accept: 'application/json', ...(t.apiKey ? { authorization: `Bearer ${t.apiKey}` } : {}), ...(t.lang ? { 'accept-language': t.lang } : {}) }
  if (options.onProgress && typeof XMLHttpRequest !== 'undefined') return withProgress(t, url, headers, form, options)
  let response: Response
  try {
    response = await t.fetch(url, { method: 'POST', headers, body: form, credentials: t.credentials, signal: options.signal ?? null })
  } catch (error) {
    throw networkError(options.signal?.aborted ? 'WEGOV_ABORTED' : 'WEGOV_NETWORK', error)
  }
  const text = await response.text()
  const body: unknown = text ? parse(text) : undefined
  if (!response.ok) throw errorFromResponse(response.status, body, response.headers)
  return body as UploadedFile
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** The same request through XMLHttpRequest, whose upload events tell how far the body has gone. */
function withProgress(t: Transport, url: string, headers: Record<string, string>, form: FormData, options: UploadOptions): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.withCredentials = t.credentials === 'include'
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.total)
    xhr.onload = () => {
      const body = xhr.responseText ? parse(xhr.responseText) : undefined
      const responseHeaders = new Headers()
      for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
        const at = line.indexOf(':')
        if (at > 0) responseHeaders.append(line.slice(0, at).trim(), line.slice(at + 1).trim())
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadedFile)
      else reject(errorFromResponse(xhr.status, body, responseHeaders))
    }
    xhr.onerror = () => reject(networkError('WEGOV_NETWORK'))
    xhr.onabort = () => reject(networkError('WEGOV_ABORTED'))
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(form)
  })
}
