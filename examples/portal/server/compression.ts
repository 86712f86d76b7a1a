import { constants } from 'node:zlib'
import type { FastifyCompressOptions } from '@fastify/compress'

/**
 * Per-request compression for the portal's files that no build step compressed beforehand (its scripts and
 * stylesheet, the example pages): brotli at quality 5, which costs a few milliseconds in zlib's thread pool
 * for most of quality 11's saving, else gzip. Replies only: the request hook would refuse a GET that carries
 * a stray Content-Encoding header. Registered in the scope of those routes alone.
 */
export const PER_REQUEST_COMPRESSION: FastifyCompressOptions = {
  encodings: ['br', 'gzip'],
  brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  globalDecompression: false,
}
