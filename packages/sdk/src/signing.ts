import type { WeGovError } from './errors.js'
import { itemPath } from './reads.js'
import { request, segment, type Transport } from './transport.js'
import type {
  CallOptions,
  Challenge,
  ConfirmSignatureInput,
  ConfirmSignatureResult,
  SignatureInput,
  SignatureReceipt,
  WithdrawSignatureInput,
  WithdrawSignatureResult,
} from './types.js'

/*
 * Signing, as functions of a transport like the reads (reads.ts): a module of its own, so that code which
 * only reads does not carry it.
 */

export interface SignOptions {
  /** The same key makes a repeated call sign once. Generated per call when omitted. */
  idempotencyKey?: string
  signal?: AbortSignal
}

const post = <T>(t: Transport, path: string, body: unknown, options?: object) => request<T>(t, path, { method: 'POST', body, ...options })

export const getChallenge = (t: Transport, options?: CallOptions) => request<Challenge>(t, '/v1/challenge', options)

/**
 * Fetches a challenge and solves it: the `altcha` value for a signature. The solver is loaded only now, so
 * read-only code does not carry it.
 */
export async function solveNewChallenge(t: Transport, options?: CallOptions): Promise<string> {
  const [{ solveChallenge }, challenge] = await Promise.all([import('./challenge.js'), getChallenge(t, options)])
  return solveChallenge(challenge, options)
}

/**
 * Signs: solves the API's proof-of-work first unless `body.altcha` already holds a solution (see
 * solveNewChallenge), and sends an idempotency key so that retries after a lost response sign once.
 */
export function signPetition(t: Transport, idOrSlug: string, body: SignatureInput, options: SignOptions = {}) {
  return signAt(t, `${itemPath('petitions', idOrSlug)}/signatures`, body, options)
}

/** Sponsors a citizen's petition through its private link: signing, at the link's own address. */
export function sponsorPetition(t: Transport, token: string, body: SignatureInput, options: SignOptions = {}) {
  return signAt(t, `/v1/sponsor-links/${segment(token)}/signatures`, body, options)
}

async function signAt(t: Transport, path: string, body: SignatureInput, { signal, idempotencyKey = uuid() }: SignOptions) {
  const send = (altcha: string) => post<SignatureReceipt>(t, path, { ...body, altcha }, { signal, idempotencyKey })
  if (!body.altcha) return send(await solveNewChallenge(t, { signal }))
  // A solution prepared ahead may have expired or been spent: solve a fresh one, once. The same key is
  // safe: the API remembers only accepted signatures, and leaves altcha out of what it compares.
  return send(body.altcha).catch(async (error: WeGovError) => {
    if (!error.code.startsWith('WEGOV_POW_')) throw error
    return send(await solveNewChallenge(t, { signal }))
  })
}

/** Confirming twice is not an error (the API says so), so a lost answer is safely asked again. */
export const confirmSignature = (t: Transport, body: ConfirmSignatureInput, options?: CallOptions) =>
  post<ConfirmSignatureResult>(t, '/v1/signatures/confirm', body, { ...options, idempotent: true })
/** Not retried: a second withdrawal would fail on data the first one deleted. */
export const withdrawSignature = (t: Transport, body: WithdrawSignatureInput, options?: CallOptions) =>
  post<WithdrawSignatureResult>(t, '/v1/signatures/withdraw', body, options)

/** crypto.randomUUID exists only on HTTPS pages; getRandomValues everywhere. */
function uuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
