import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { escapeXml } from '../../content/escape.js'
import type { Lang } from '../../db/schema.js'
import { requestLanguage } from '../../http/request-language.js'
import { readErrors } from '../../http/schemas.js'
import { RESOURCE_KINDS, THEMES } from '../vocabulary/terms.js'
import type { PresentedResource, ResourceFilters } from './resource-repository.js'
import { ResourceListQuery } from './resource-schemas.js'
import { listTag } from '../changes/change-tags.js'

export const JSON_FEED_TYPE = 'application/feed+json; charset=utf-8'
export const ATOM_TYPE = 'application/atom+xml; charset=utf-8'

export const FEED_TITLE: Record<Lang, string> = {
  ar: 'WeGov: موارد الحوكمة الرشيدة',
  fr: 'WeGov : ressources sur la bonne gouvernance',
  en: 'WeGov: good governance resources',
}

const JsonFeedSchema = Type.Object(
  {
    version: Type.Literal('https://jsonfeed.org/version/1.1'),
    title: Type.String(),
    home_page_url: Type.String(),
    feed_url: Type.String(),
    next_url: Type.Optional(Type.String()),
    language: Type.String(),
    authors: Type.Array(Type.Object({ name: Type.String(), url: Type.Optional(Type.String()) })),
    items: Type.Array(Type.Object({ id: Type.String(), url: Type.String(), title: Type.String() }, { additionalProperties: true })),
  },
  { description: 'JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).' },
)

interface FeedPage {
  lang: Lang
  base: string
  selfUrl: string
  nextUrl: string | null
  resources: PresentedResource[]
}

/**
 * The resource list as JSON Feed 1.1 and as Atom 1.0, so that newsletters, feed readers and partner
 * CMSs follow new resources without an API client. Both take exactly the list's filters, and page with
 * the list's cursor (next_url, rel="next"). Links are absolute, from the configured public origin
 * (app.publicOrigin), never from the Host header.
 */
export const resourceFeedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const feed = (format: 'json' | 'atom') => async (request: FastifyRequest, reply: FastifyReply) => {
    // The body is built here, not by a response schema: JSON Feed uses snake_case and Atom is XML.
    // Fastify also passes the already serialised (cached) string through this serializer: leave it as is.
    reply.serializer((payload: unknown) => (typeof payload === 'string' ? payload : JSON.stringify(payload)))
    return app.readCache.reply(request, reply, async () => {
      const page = await feedPage(request, app.publicOrigin.url)
      return format === 'json' ? jsonFeed(page) : atomFeed(page)
    }, { contentType: format === 'json' ? JSON_FEED_TYPE : ATOM_TYPE, tags: [listTag('resource')] })
  }
  app.get(
    '/resources/feed.json',
    {
      schema: {
        tags: ['resources'],
        operationId: 'getResourceJsonFeed',
        summary: 'Resources as a JSON Feed 1.1, with the same filters as the list',
        querystring: ResourceListQuery,
        response: { 200: { description: 'A JSON Feed.', content: { 'application/feed+json': { schema: JsonFeedSchema } } }, 400: readErrors[400] },
      },
    },
    feed('json'),
  )
  app.get(
    '/resources/feed.atom',
    {
      schema: {
        tags: ['resources'],
        operationId: 'getResourceAtomFeed',
        summary: 'Resources as an Atom 1.0 feed, with the same filters as the list',
        querystring: ResourceListQuery,
        response: { 200: { description: 'An Atom feed.', content: { 'application/atom+xml': { schema: Type.String() } } }, 400: readErrors[400] },
      },
    },
    feed('atom'),
  )
}

async function feedPage(request: FastifyRequest, base: string): Promise<FeedPage> {
  const lang = requestLanguage(request)
  const { limit = 20, cursor, lang: _lang, ...filters } = request.query as ResourceFilters & {
    limit?: number
    cursor?: string
    lang?: Lang
  }
  const page = await request.server.resources.list(filters, { limit, cursor, withBody: true })
  const path = new URL(request.url, 'http://wegov.invalid')
  path.searchParams.delete('cursor')
  const selfUrl = `${base}${path.pathname}${path.search}`
  let nextUrl: string | null = null
  if (page.nextCursor) {
    path.searchParams.set('cursor', page.nextCursor)
    nextUrl = `${base}${path.pathname}${path.search}`
  }
  return { lang, base, selfUrl, nextUrl, resources: page.items.map((row) => request.server.resources.present(row, lang)) }
}

function itemUrl(resource: PresentedResource, base: string): string {
  return resource.url ?? resource.file?.url ?? `${base}/v1/resources/${resource.slug}`
}

function tagsOf(resource: PresentedResource, lang: Lang): string[] {
  const themes = resource.themes.map((code) => THEMES.terms[code as keyof typeof THEMES.terms]?.[lang] ?? code)
  const kind = RESOURCE_KINDS.terms[resource.kind as keyof typeof RESOURCE_KINDS.terms]?.[lang] ?? resource.kind
  return [...themes, kind]
}

/** When a resource appeared: its publication date, else a webinar's start, else its creation. */
function publishedAt(resource: PresentedResource): string {
  if (resource.publishedOn) return `${resource.publishedOn}T00:00:00Z`
  return resource.webinar?.startsAt ?? resource.createdAt
}

export function jsonFeed(page: FeedPage) {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: FEED_TITLE[page.lang],
    home_page_url: page.base,
    feed_url: page.selfUrl,
    ...(page.nextUrl ? { next_url: page.nextUrl } : {}),
    language: page.lang,
    authors: [{ name: 'WeGov', url: page.base }],
    items: page.resources.map((resource) => ({
      id: `urn:uuid:${resource.id}`,
      url: itemUrl(resource, page.base),
      title: resource.title.text,
      ...(resource.body ? { content_html: resource.body.text } : { content_text: resource.summary?.text ?? resource.title.text }),
      ...(resource.summary ? { summary: resource.summary.text } : {}),
      date_published: publishedAt(resource),
      date_modified: resource.updatedAt,
      tags: tagsOf(resource, page.lang),
      language: resource.body?.lang ?? resource.title.lang,
      ...(resource.publisher ? { authors: [{ name: resource.publisher.name.text }] } : {}),
      ...(resource.file
        ? { attachments: [{ url: resource.file.url, mime_type: resource.file.type, size_in_bytes: resource.file.size }] }
        : {}),
    })),
  }
}

export function atomFeed(page: FeedPage): string {
  const updated = page.resources.reduce((latest, r) => (r.updatedAt > latest ? r.updatedAt : latest), '1970-01-01T00:00:00.000Z')
  const entries = page.resources.map((resource) => {
    const lang = resource.title.lang
    const langAttribute = (other: Lang | undefined) => (other && other !== lang ? ` xml:lang="${other}"` : '')
    return [
      `  <entry xml:lang="${lang}">`,
      `    <id>urn:uuid:${resource.id}</id>`,
      `    <title type="text">${escapeXml(resource.title.text)}</title>`,
      `    <link rel="alternate" href="${escapeXml(itemUrl(resource, page.base))}"/>`,
      `    <published>${publishedAt(resource)}</published>`,
      `    <updated>${resource.updatedAt}</updated>`,
      ...(resource.publisher ? [`    <author><name>${escapeXml(resource.publisher.name.text)}</name></author>`] : []),
      ...(resource.summary ? [`    <summary type="text"${langAttribute(resource.summary.lang)}>${escapeXml(resource.summary.text)}</summary>`] : []),
      ...(resource.body ? [`    <content type="html"${langAttribute(resource.body.lang)}>${escapeXml(resource.body.text)}</content>`] : []),
      ...tagsOf(resource, page.lang).map((label, i) => {
        const term = i < resource.themes.length ? resource.themes[i]! : resource.kind
        return `    <category term="${escapeXml(term)}" label="${escapeXml(label)}"/>`
      }),
      '  </entry>',
    ].join('\n')
  })
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${page.lang}">`,
    `  <id>${escapeXml(page.selfUrl)}</id>`,
    `  <title type="text">${escapeXml(FEED_TITLE[page.lang])}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(page.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(page.base)}"/>`,
    ...(page.nextUrl ? [`  <link rel="next" type="application/atom+xml" href="${escapeXml(page.nextUrl)}"/>`] : []),
    `  <author><name>WeGov</name><uri>${escapeXml(page.base)}</uri></author>`,
    '  <generator>WeGov</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n')
}

