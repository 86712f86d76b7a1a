import type { FastifyInstance } from 'fastify'

/**
 * A `fetch` for the SDK that answers from `app.inject()` when the portal runs in the API's own process
 * (`npm start`): a page's reads go through the API's routes, validation, read cache and presenters exactly
 * as a partner's would, without a TCP round trip to itself. Only the path and query of the SDK's URL are
 * used; the Host is the public one, so the API's Host check lets the reads in.
 */
export function inProcessFetch(app: FastifyInstance, publicUrl: () => string): typeof fetch {
  return async (input, init) => {
    const host = new URL(publicUrl()).host
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    const headers: Record<string, string> = {}
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value
    })
    headers.host = host
    const response = await app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: `${url.pathname}${url.search}`,
      headers,
      ...(typeof init?.body === 'string' ? { payload: init.body } : {}),
    })
    const replyHeaders = new Headers()
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue
      for (const one of Array.isArray(value) ? value : [String(value)]) replyHeaders.append(name, one)
    }
    const empty = response.statusCode === 204 || response.statusCode === 304 || init?.method === 'HEAD'
    return new Response(empty ? null : new Uint8Array(response.rawPayload), { status: response.statusCode, headers: replyHeaders })
  }
}
