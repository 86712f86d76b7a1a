import { resolveObjectURL } from 'node:buffer'
import { Worker as ThreadWorker } from 'node:worker_threads'

/** What a browser worker has and a worker thread lacks: postMessage and onmessage as globals. */
const PRELUDE = `const { parentPort } = require('node:worker_threads');
globalThis.postMessage = (data) => parentPort.postMessage(data);
parentPort.on('message', (data) => globalThis.onmessage({ data }));
`

/**
 * Node has no Web Worker. This one runs the source of a Blob URL in a worker thread with the browser's
 * messaging globals, so the SDK's inline worker source (as the SDK really builds it) runs in a real
 * separate thread in tests. Installed as globalThis.Worker by the tests that need it.
 */
export class BlobWorker {
  static created: BlobWorker[] = []
  onmessage: ((event: { data: unknown }) => void) | null = null
  onerror: ((event: { preventDefault(): void }) => void) | null = null
  terminated = false
  readonly #thread: Promise<ThreadWorker>

  constructor(url: string) {
    BlobWorker.created.push(this)
    const blob = resolveObjectURL(url)
    if (!blob) throw new TypeError(`No Blob behind ${url}`)
    this.#thread = blob.text().then((source) => {
      const thread = new ThreadWorker(PRELUDE + source, { eval: true })
      thread.on('message', (data) => this.onmessage?.({ data }))
      thread.on('error', () => this.onerror?.({ preventDefault() {} }))
      return thread
    })
  }

  postMessage(data: unknown): void {
    void this.#thread.then((thread) => thread.postMessage(data))
  }

  terminate(): void {
    this.terminated = true
    void this.#thread.then((thread) => thread.terminate())
  }
}
