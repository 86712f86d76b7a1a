/** Log lines an app wrote (pino JSON), for tests that check what an operator would see. */
export function capturedLogger(level = 'warn') {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = []
  return { lines, logger: { level, stream: { write: (line: string) => void lines.push(JSON.parse(line)) } } }
}

export interface Answer {
  status: number
  contentType: string | null
  retryAfter: string | null
  code: string | undefined
}

/**
 * GET over a real connection. The abort is generous on purpose: a request that hangs fails the test
 * (as an error), rather than a timing assertion failing it.
 */
export async function get(base: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(new URL(path, base), { ...init, signal: AbortSignal.timeout(30_000) })
  const text = await response.text()
  const contentType = response.headers.get('content-type')
  const code = contentType?.startsWith('application/problem+json') ? (JSON.parse(text) as { code?: string }).code : undefined
  return { status: response.status, contentType, retryAfter: response.headers.get('retry-after'), code }
}

/**
 * What is wrong with an answer given while PostgreSQL goes away, or undefined when it is right: served
 * (2xx), or 503 saying when to retry, problem+json WEGOV_UNAVAILABLE for the API.
 */
export function wrongAnswer(path: string, answer: Answer): string | undefined {
  if (answer.status >= 200 && answer.status < 300) return undefined
  if (answer.status !== 503) return `${path}: ${answer.status}`
  if (!answer.retryAfter || !(Number(answer.retryAfter) > 0)) return `${path}: 503 without Retry-After`
  if (path.startsWith('/health/')) return undefined
  if (!answer.contentType?.startsWith('application/problem+json') || answer.code !== 'WEGOV_UNAVAILABLE') {
    return `${path}: 503 ${answer.contentType} ${answer.code}`
  }
  return undefined
}

/** Polls until `check` returns a value (not undefined); throws after `attempts` × `everyMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, { attempts = 300, everyMs = 100 } = {}): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const value = await check().catch(() => undefined)
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
  throw new Error(`never happened: ${what}`)
}
