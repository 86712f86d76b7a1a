import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'

/** Writes `path` with the .br and .gz a build writes beside it (scripts/precompress.mjs). */
export async function writeWithCompressedForms(path: string, text: string): Promise<void> {
  await Promise.all([writeFile(path, text), writeFile(`${path}.br`, brotliCompressSync(text)), writeFile(`${path}.gz`, gzipSync(text))])
}

/**
 * `url` goes out as brotli to a browser, as gzip to a gzip-only client and as is to a client that accepts
 * neither, always the same text, with a type, a `Vary: Accept-Encoding` and an ETag per form. Returns the
 * three replies for further checks.
 */
export async function checkCompressedForms(t: Test, app: FastifyInstance, url: string, text: string) {
  const get = (acceptEncoding: string | undefined) =>
    app.inject({ url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } })
  const [br, gzip, plain] = await Promise.all([get('gzip, deflate, br, zstd'), get('gzip'), get(undefined)])
  for (const reply of [br, gzip, plain]) {
    t.equal(reply.statusCode, 200, url)
    t.match(reply.headers['content-type'], /javascript|css|html/, url)
    t.match(String(reply.headers.vary), /\bAccept-Encoding\b/i, `${url} says that it varies`)
  }
  t.equal(br.headers['content-encoding'], 'br', url)
  t.equal(brotliDecompressSync(br.rawPayload).toString(), text, `${url} in brotli`)
  t.equal(gzip.headers['content-encoding'], 'gzip', url)
  t.equal(gunzipSync(gzip.rawPayload).toString(), text, `${url} in gzip`)
  t.equal(plain.headers['content-encoding'], undefined, url)
  t.equal(plain.body, text, `${url} as is`)
  t.equal(new Set([br.headers.etag, gzip.headers.etag, plain.headers.etag]).size, 3, `${url}: each form has its own ETag`)
  return { br, gzip, plain }
}

/** Every text file a build wrote under `dir` has a .br and a .gz beside it that decompress to its bytes. */
export async function checkBuildCompressed(t: Test, dir: string): Promise<void> {
  const names = (await readdir(dir, { recursive: true })).map(String)
  const texts = names.filter((name) => /\.(?:js|css)$/.test(name))
  t.ok(texts.length > 0, `${dir} holds a build`)
  for (const name of texts) {
    const [original, br, gz] = await Promise.all(['', '.br', '.gz'].map((suffix) => readFile(join(dir, `${name}${suffix}`))))
    t.ok(brotliDecompressSync(br!).equals(original!), `${name}.br`)
    t.ok(gunzipSync(gz!).equals(original!), `${name}.gz`)
  }
}
