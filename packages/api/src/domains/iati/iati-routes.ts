import { Readable } from 'node:stream'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { CountryCode, SLUG_PATTERN, readErrors } from '../../http/schemas.js'
import type { OrganisationRow } from '../organisations/organisation-repository.js'
import { type Omission, activityXml, organisationXml } from './iati-activity.js'
import { WeGovError } from '../../errors.js'
import { comment, isoDateTime } from './iati-xml.js'

export const IATI_TYPE = 'application/xml; charset=utf-8'
/** Projects read per query: memory stays the same however many the file holds. */
const PAGE = 100

const IatiActivitiesQuery = Type.Object(
  {
    organisation: Type.Optional(
      Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'Slug of an organisation that owns or takes part in the project.' }),
    ),
    country: Type.Optional(CountryCode),
  },
  { additionalProperties: false },
)

const xmlResponse = (description: string) => ({ description, content: { 'application/xml': { schema: Type.String() } } })

/**
 * The IATI 2.03 exports (issue 17): every public project as an activity, and the publishing organisations.
 * Both stream, one page of rows at a time, so the first bytes leave at once and the server's memory stays
 * flat however many projects there are; they are therefore not in the read cache (which holds whole
 * bodies) and carry a short public max-age instead.
 */
export const iatiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/iati/activities.xml',
    {
      schema: {
        tags: ['open data'],
        operationId: 'getIatiActivities',
        summary: 'Every public project as an IATI 2.03 activity file',
        description:
          'An `<iati-activities version="2.03">` document that validates against the IATI 2.03 schema. A project whose owner has no IATI ' +
          'organisation identifier, or that lacks what the Standard requires (a description, a start date, a country, a theme), is left out ' +
          'and named in a closing comment. Filters combine with AND. When no project can be published (the schema wants at least one ' +
          'activity), the answer is 404 `WEGOV_IATI_EMPTY`, its `leftOut` listing the projects left out by reason.',
        querystring: IatiActivitiesQuery,
        response: { 200: xmlResponse('An IATI activity file.'), ...readErrors },
      },
    },
    async (request, reply) => streamXml(reply, await activitiesDocument(app, request.query)),
  )

  app.get(
    '/iati/organisations.xml',
    {
      schema: {
        tags: ['open data'],
        operationId: 'getIatiOrganisations',
        summary: 'The organisations that publish IATI data, as an IATI 2.03 organisation file',
        description:
          'One `<iati-organisation>` per organisation that has set its IATI organisation identifier; 404 `WEGOV_IATI_EMPTY` while none has.',
        response: { 200: xmlResponse('An IATI organisation file.'), 404: readErrors[404] },
      },
    },
    async (_request, reply) => streamXml(reply, await documentOf('iati-organisations', organisationChunks(app), () => ({ xml: '' }))),
  )
}

function streamXml(reply: FastifyReply, chunks: AsyncGenerator<string>): FastifyReply {
  reply.header('content-type', IATI_TYPE).header('cache-control', 'public, max-age=300')
  // One page read ahead, not Readable.from's sixteen: what waits for a slow client stays one page.
  return reply.send(Readable.from(chunks, { highWaterMark: 1 }))
}

/**
 * A document of `items`, or WEGOV_IATI_EMPTY when there is none: the schema wants at least one element, so
 * an empty file would not validate. The first item is read before the response starts (a 404 can still be
 * sent); the others stream after it. `closing` is written after the last item (the report of those left out).
 */
async function documentOf(root: 'iati-activities' | 'iati-organisations', items: AsyncGenerator<string>, closing: () => Closing) {
  const first = await items.next()
  if (first.done) throw new WeGovError('WEGOV_IATI_EMPTY', { extensions: closing().extensions })
  async function* document(): AsyncGenerator<string> {
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<${root} version="2.03" generated-datetime="${isoDateTime(new Date())}">\n${first.value}`
    yield* items
    yield `${closing().xml}</${root}>\n`
  }
  return document()
}

/** What follows the last item: XML comments for the file, problem extensions for the empty answer. */
interface Closing {
  xml: string
  extensions?: Record<string, unknown>
}

/** Each page's activities, as one chunk; the projects left out are added to `omitted`, by reason. */
async function* activityChunks(app: FastifyInstance, filters: { organisation?: string; country?: string }, omitted: Map<Omission, string[]>): AsyncGenerator<string> {
  const organisations = new Map<string, OrganisationRow>()
  let cursor: string | undefined
  do {
    const page = await app.projects.list(filters, { limit: PAGE, cursor })
    const unknown = new Set(page.items.flatMap(({ row, participants }) => [row.owner_id, ...participants.map((p) => p.id)]).filter((id) => !organisations.has(id)))
    for (const [id, row] of await app.organisations.byIds(unknown)) organisations.set(id, row)
    const documents = await app.resources.attachedTo(page.items.map(({ row }) => row.id))
    let chunk = ''
    for (const project of page.items) {
      const result = activityXml(project, organisations, documents.get(project.row.id))
      if ('xml' in result) chunk += `${result.xml}\n`
      else omitted.set(result.omitted, [...(omitted.get(result.omitted) ?? []), project.row.slug])
    }
    if (chunk) yield chunk
    cursor = page.nextCursor ?? undefined
  } while (cursor)
}

function activitiesDocument(app: FastifyInstance, filters: { organisation?: string; country?: string }) {
  const omitted = new Map<Omission, string[]>()
  return documentOf('iati-activities', activityChunks(app, filters, omitted), () => ({
    xml: [...omitted].map(([reason, slugs]) => `${comment(`Left out (${reason}): ${slugs.join(' ')}`)}\n`).join(''),
    // The projects left out, by reason, so that the empty answer says what to fix.
    extensions: { leftOut: Object.fromEntries(omitted) },
  }))
}

async function* organisationChunks(app: FastifyInstance): AsyncGenerator<string> {
  let cursor: string | undefined
  do {
    const page = await app.organisations.list({}, { limit: PAGE, cursor })
    const chunk = page.items.filter((row) => row.iati_identifier).map((row) => `${organisationXml(row)}\n`).join('')
    if (chunk) yield chunk
    cursor = page.nextCursor ?? undefined
  } while (cursor)
}
