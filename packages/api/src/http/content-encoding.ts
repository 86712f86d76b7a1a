/** Content-coding negotiation (RFC 9110 12.5.3) for the encodings WeGov sends. */

export type Encoding = 'br' | 'gzip' | 'identity'

/**
 * Accept-Encoding takes a handful of values in practice (one per browser family), so each is parsed once:
 * index 0 holds the choice when brotli is ready, index 1 when it is not. Bounded against forged headers.
 */
const negotiated = new Map<string, readonly [Encoding, Encoding]>()
const MAX_NEGOTIATED = 256

export function chooseEncoding(header: string | undefined, brotliReady: boolean): Encoding {
  if (!header) return 'identity'
  let choices = negotiated.get(header)
  if (choices === undefined) {
    if (negotiated.size >= MAX_NEGOTIATED) negotiated.clear()
    choices = [negotiate(header, true), negotiate(header, false)]
    negotiated.set(header, choices)
  }
  return choices[brotliReady ? 0 : 1]
}

/**
 * The best encoding the client accepts (RFC 9110 12.5.3): brotli when it is ready, then gzip, then none.
 * A coding listed with q=0 is refused, and `*` stands for any coding not listed.
 */
function negotiate(header: string, brotliReady: boolean): Encoding {
  const quality = new Map<string, number>()
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((param) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined)
    quality.set(coding.trim(), q === undefined ? 1 : Number(q))
  }
  const accepts = (coding: string) => (quality.get(coding) ?? quality.get('*') ?? 0) > 0
  if (brotliReady && accepts('br')) return 'br'
  return accepts('gzip') || accepts('x-gzip') ? 'gzip' : 'identity'
}
