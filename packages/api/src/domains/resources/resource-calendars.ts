import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { WeGovError } from '../../errors.js'
import { requestLanguage } from '../../http/request-language.js'
import { IdOrSlugParams, LangSchema, readErrors } from '../../http/schemas.js'
import { itemTag, listTag } from '../changes/change-tags.js'
import type { ResourceFilters } from './resource-repository.js'
import { ResourceListQuery } from './resource-schemas.js'
import { CALENDAR_TYPE, webinarCalendar } from './webinar-calendar.js'

/** The most webinars one calendar carries: the upcoming ones, then the most recent past ones. */
const MAX_WEBINARS = 500

/** The list's filters, less those a calendar fixes (webinars only, one file, no pages, published only). */
const WebinarCalendarQuery = Type.Omit(ResourceListQuery, ['limit', 'cursor', 'collection', 'kind', 'state'], { additionalProperties: false })

const calendarResponse = (description: string) => ({
  description,
  content: { 'text/calendar': { schema: Type.String({ description: 'iCalendar (RFC 5545).' }) } },
})

/**
 * Webinars as iCalendar files: a calendar per language that people subscribe to, with the list's filters,
 * and one webinar's file for "Add to calendar". Both are public reads, cached like the others (ETag,
 * Cache-Control) and dropped from the cache on any resource change.
 */
export const resourceCalendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/resources/webinars.ics',
    {
      schema: {
        tags: ['resources'],
        operationId: 'getWebinarCalendar',
        summary: 'Webinars, upcoming and past, as an iCalendar feed to subscribe to, with the list’s filters',
        description:
          `Upcoming webinars, then the most recent past ones (at most ${MAX_WEBINARS}). Titles in the language asked for (\`lang\`, else Accept-Language), ` +
          'else in another one, which the description then says. Times in UTC; a cancelled webinar has STATUS:CANCELLED.',
        querystring: WebinarCalendarQuery,
        response: { 200: calendarResponse('An iCalendar file.'), 400: readErrors[400] },
      },
    },
    async (request, reply) => {
      // The body is built here as text; the (cached) string passes the serializer as it is.
      reply.serializer((payload: unknown) => String(payload))
      return app.readCache.reply(request, reply, async () => {
        const lang = requestLanguage(request)
        const { lang: _lang, ...filters } = request.query as ResourceFilters & { lang?: string }
        const page = await app.resources.list({ ...filters, kind: 'webinar' }, { limit: MAX_WEBINARS })
        const now = Date.now()
        const webinars = page.items.map((row) => app.resources.present(row, lang, now))
        return webinarCalendar({ lang, base: app.publicOrigin.url, webinars })
      }, { contentType: CALENDAR_TYPE, tags: [listTag('resource')] })
    },
  )

  app.get(
    '/resources/:idOrSlug/calendar.ics',
    {
      schema: {
        tags: ['resources'],
        operationId: 'getWebinarCalendarFile',
        summary: 'One webinar as an iCalendar file ("Add to calendar")',
        description: 'Only for a published webinar: any other resource, or none, is 404; a deleted one is 410.',
        params: IdOrSlugParams,
        querystring: Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false }),
        response: { 200: calendarResponse('An iCalendar file with one event.'), 410: readErrors[404], ...readErrors },
      },
    },
    async (request, reply) => {
      reply.serializer((payload: unknown) => String(payload))
      let id = ''
      return app.readCache.reply(request, reply, async () => {
        const row = await app.resources.find(request.params.idOrSlug)
        if (!row || row.kind !== 'webinar' || !row.starts_at) throw new WeGovError('WEGOV_NOT_FOUND')
        if (row.deleted_at) throw new WeGovError('WEGOV_GONE')
        id = row.id
        // Set while building, so the cache stores it with the reply and replays it on hits.
        reply.header('content-disposition', `inline; filename="${row.slug}.ics"`)
        const lang = requestLanguage(request)
        return webinarCalendar({ lang, base: app.publicOrigin.url, webinars: [app.resources.present(row, lang)] })
      }, { contentType: CALENDAR_TYPE, tags: () => [itemTag('resource', id)] })
    },
  )
}
