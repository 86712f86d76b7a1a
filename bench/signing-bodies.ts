import { createHash, randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import autocannon from 'autocannon'

/** One signing request prepared before a run: its Idempotency-Key ('' for none) and its JSON body. */
export interface SignRequest {
  key: string
  body: string
}

/** The bench's plain signer: a unique email and the required consent, no proof of work, no key. */
export function plainRequest(run: string, n: number): SignRequest {
  return {
    key: '',
    body: JSON.stringify({
      firstName: 'Bench',
      lastName: 'Signer',
      email: `bench-${run}-${n}@example.org`,
      country: 'TN',
      consents: { processing: true },
      locale: 'fr',
      display: 'anonymous',
    }),
  }
}

/**
 * What the petition widget sends (packages/widgets/src/petition/petition-signing.ts, through the SDK's
 * signPetition): every field of its form, the three consents, the partner site it is embedded in, a
 * solved challenge from GET /v1/challenge, and a new Idempotency-Key. The challenges are fetched and
 * solved here, before the run, so the client's solving is not timed; the server verifies them the same
 * whatever their difficulty (one SHA-256 and one HMAC).
 */
export async function widgetRequests(url: string, run: string, count: number, partner: string): Promise<SignRequest[]> {
  const challenges = await fetchChallenges(url, count)
  return challenges.map((challenge, n) => ({
    key: randomUUID(),
    body: JSON.stringify({
      firstName: 'Amal',
      lastName: 'Ben Youssef',
      email: `widget-${run}-${n}@example.org`,
      country: 'TN',
      city: 'Sfax',
      display: 'public',
      consents: { processing: true, newsFromOrganiser: n % 3 === 0, newsFromPartner: n % 5 === 0 },
      locale: 'fr',
      altcha: solve(challenge),
      source: { partner, url: `https://${partner}.example/petitions/eau` },
    }),
  }))
}

/** The file bench/sign-bodies.lua reads: one "key<TAB>body" per line. */
export async function writeRequestsFile(path: string, requests: readonly SignRequest[]): Promise<void> {
  await writeFile(path, `${requests.map((request) => `${request.key}\t${request.body}`).join('\n')}\n`)
}

interface Challenge {
  algorithm: string
  challenge: string
  maxnumber: number
  salt: string
  signature: string
}

async function fetchChallenges(url: string, count: number): Promise<Challenge[]> {
  const challenges: Challenge[] = []
  await autocannon({
    url: `${url}/v1/challenge`,
    connections: 50,
    amount: count,
    requests: [{ method: 'GET', onResponse: (status: number, body: string) => void (status === 200 && challenges.push(JSON.parse(body))) }],
  })
  if (challenges.length < count) throw new Error(`GET /v1/challenge gave ${challenges.length} challenges of ${count}`)
  return challenges
}

/** altcha-lib's solver does the same with Web Crypto, one await per hash; node:crypto is faster for thousands. */
function solve({ algorithm, challenge, maxnumber, salt, signature }: Challenge): string {
  for (let number = 0; number <= maxnumber; number++) {
    if (createHash('sha256').update(salt + number).digest('hex') === challenge) {
      return Buffer.from(JSON.stringify({ algorithm, challenge, number, salt, signature })).toString('base64')
    }
  }
  throw new Error('challenge without a solution')
}
