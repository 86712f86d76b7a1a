import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requestLanguage } from '../../http/request-language.js'
import { LangSchema } from '../../http/schemas.js'
import { VOCABULARIES } from './terms.js'

const TermList = Type.Array(Type.Object({ code: Type.String(), label: Type.String() }))
const VocabulariesSchema = Type.Object(
  Object.fromEntries(Object.keys(VOCABULARIES).map((name) => [name, TermList])) as Record<keyof typeof VOCABULARIES, typeof TermList>,
  { $id: 'Vocabularies' },
)

/** Localised labels of every filter value, so a client never hard-codes them. */
export const vocabularyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/vocabularies',
    {
      schema: {
        tags: ['vocabularies'],
        operationId: 'getVocabularies',
        summary: 'Themes, statuses, kinds and roles with their labels in the reader’s language',
        querystring: Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false }),
        response: { 200: VocabulariesSchema },
      },
    },
    async (request, reply) =>
      app.readCache.reply(request, reply, async () => {
        const lang = requestLanguage(request)
        return Object.fromEntries(
          Object.entries(VOCABULARIES).map(([name, vocabulary]) => [
            name,
            Object.entries(vocabulary.terms).map(([code, labels]) => ({ code, label: labels[lang] })),
          ]),
        )
      }, { maxAgeSeconds: 3600 }),
  )
}
