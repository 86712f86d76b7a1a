import { networkError, WeGovError } from './errors.js'
import type { Challenge } from './types.js'

/**
 * Solves an ALTCHA proof-of-work challenge: finds the number n (0..maxnumber) whose SHA-256 of
 * `salt + n` is `challenge`, and returns the payload the API expects in a signature's `altcha` field
 * (base64 of JSON {algorithm, challenge, number, salt, signature}).
 *
 * In a browser the search runs in a Web Worker created from an inline Blob URL, so the page stays
 * responsive; where workers are missing or refused (Node, a strict CSP), it runs on the calling thread.
 * Aborting the signal stops the search and rejects with a NetworkError of code WEGOV_ABORTED.
 */
export async function solveChallenge(challenge: Challenge, options: { signal?: AbortSignal } = {}): Promise<string> {
  const { signal } = options
  if (!globalThis.crypto?.subtle) throw unsolved('WebCrypto is unavailable: the page is not served over HTTPS')
  const args = [challenge.challenge, challenge.salt, challenge.maxnumber] as const
  const number = (await searchInWorker(args, signal)) ?? (await searchNumber(...args, () => !!signal?.aborted))
  if (signal?.aborted) throw networkError('WEGOV_ABORTED')
  if (number < 0) throw unsolved('The challenge has no solution')
  const { algorithm, salt, signature } = challenge
  return btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature }))
}

const unsolved = (title: string) => new WeGovError({ status: 0, code: 'WEGOV_CHALLENGE_UNSOLVED', title })

/**
 * Self-contained (only globals and its parameters): a worker runs it from its source text.
 * Digests are asked for in batches because each await costs more than the hash itself.
 */
async function searchNumber(challenge: string, salt: string, max: number, aborted?: () => boolean): Promise<number> {
  const encoder = new TextEncoder()
  const batch = 32
  for (let start = 0; start <= max && !aborted?.(); start += batch) {
    const count = Math.min(batch, max - start + 1)
    const digests = await Promise.all(
      Array.from({ length: count }, (_, i) => crypto.subtle.digest('SHA-256', encoder.encode(salt + (start + i)))),
    )
    for (let i = 0; i < count; i++) {
      let hex = ''
      for (const byte of new Uint8Array(digests[i]!)) hex += (byte < 16 ? '0' : '') + byte.toString(16)
      if (hex === challenge) return start + i
    }
  }
  return -1
}

/** The result from a worker, or undefined when no worker could run (the caller then searches itself). */
function searchInWorker(args: readonly [string, string, number], signal: AbortSignal | undefined): Promise<number | undefined> {
  if (typeof Worker === 'undefined' || typeof Blob === 'undefined' || signal?.aborted) return Promise.resolve(undefined)
  return new Promise((resolve, reject) => {
    let worker: Worker | undefined
    const url = URL.createObjectURL(
      new Blob([`var __name=f=>f;onmessage=async e=>{try{postMessage(await(${searchNumber})(...e.data))}catch{postMessage(null)}}`], { type: 'text/javascript' }),
    )
    const finish = (settle: () => void) => {
      worker?.terminate()
      URL.revokeObjectURL(url)
      signal?.removeEventListener('abort', stop)
      settle()
    }
    const stop = () => finish(() => reject(networkError('WEGOV_ABORTED')))
    try {
      worker = new Worker(url)
    } catch {
      return finish(() => resolve(undefined))
    }
    worker.onmessage = (event: MessageEvent<number | null>) => finish(() => resolve(event.data ?? undefined))
    // A CSP without worker-src blob:, or a worker that failed: search on this thread. (__name is the
    // helper esbuild's keepNames wraps inner functions with; the worker's copy has to bring its own.)
    worker.onerror = (event) => {
      event.preventDefault()
      finish(() => resolve(undefined))
    }
    signal?.addEventListener('abort', stop)
    worker.postMessage(args)
  })
}
