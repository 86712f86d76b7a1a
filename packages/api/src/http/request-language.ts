import type { FastifyRequest } from 'fastify'
import type { Lang } from '../db/schema.js'
import { DEFAULT_LANG, isLang, negotiateLanguage } from '../i18n/languages.js'

/** The reader's language: `?lang=` first, then Accept-Language, then French. */
export function requestLanguage(request: FastifyRequest): Lang {
  const query = request.query as { lang?: unknown } | undefined
  if (isLang(query?.lang)) return query.lang
  return negotiateLanguage(request.headers['accept-language']) ?? DEFAULT_LANG
}
