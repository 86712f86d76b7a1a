import { type TSchema, Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { WeGovError } from '../../errors.js'
import { isUuid } from '../../http/schemas.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { NoContent, Problem } from '../organisations/organisation-management-schemas.js'
import type { ContentKind, EditableItem, WriteDocument } from './content-kind.js'
import { createItem, deleteItem, ownerOf, patchItem, restoreItem } from './content-writes.js'
import { ItemIdParams, OwnerParams } from './content-write-schemas.js'
import { etagOf } from './etags.js'
import { oncePerIdempotencyKey } from './idempotency-store.js'
import { changedItemTags } from '../changes/change-tags.js'
import { signedInTree } from '../accounts/signed-in-tree.js'

/** Room for a long rich-text body in three languages; every other route keeps the 16 KB default. */
const WRITE_BODY_LIMIT = 1024 * 1024

export interface ContentWriteRoutesOptions {
  kind: ContentKind<unknown>
  /** The path segment: projects, resources. */
  plural: string
  /** The noun of the operation ids and summaries: Project, Resource. */
  noun: string
  schemas: { write: TSchema & { $id?: string }; patch: TSchema & { $id?: string }; source: TSchema & { $id?: string } }
}

/**
 * The publishing API of one content type: create (with Idempotency-Key), read the source, merge-patch
 * (with If-Match), delete, restore. The owner organisation's editors and owners, admins, and its API keys
 * with content:write may write; reading a source needs drafts:read. Replies are never cached (policy routes).
 */
export const contentWriteRoutes: FastifyPluginAsyncTypebox<ContentWriteRoutesOptions> = async (app, { kind, plural, noun, schemas }) => {
  signedInTree(app)
  const owner = async (request: FastifyRequest) => {
    const { id } = request.params as { id?: string }
    return id && isUuid(id) ? ownerOf(app.db, kind.type, id) : undefined
  }
  const send = (reply: FastifyReply, item: EditableItem<unknown>, status = 200) => reply.code(status).header('etag', etagOf(item)).send(item.source)
  const Source = Type.Ref(schemas.source.$id!)
  const tag = [plural]

  app.post(
    `/organisations/:organisationId/${plural}`,
    {
      bodyLimit: WRITE_BODY_LIMIT,
      schema: {
        tags: tag,
        operationId: `create${noun}`,
        summary: `Create a ${noun.toLowerCase()} (a draft unless state is published)`,
        description:
          'The original language’s title is required. Without `slug`, one is made from the French or English title, else the Arabic one transliterated (`-2`, `-3`… when taken). ' +
          'Send an `Idempotency-Key` (8-128 characters): a retry with the same key and body returns the first 201 again; the same key with another body is 422 WEGOV_IDEMPOTENCY_KEY_REUSED.',
        params: OwnerParams,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'Makes a retry safe (kept 24 hours).' })) }),
        body: Type.Ref(schemas.write.$id!),
        response: { 201: Source, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, 415: Problem, 422: Problem, 429: Problem },
      },
      config: { policy: 'organisation.content.write', rateLimit: rateLimits.contentWrite },
    },
    async (request, reply) => {
      const { status, body } = await oncePerIdempotencyKey(app.db, request, async (trx) => {
        const item = await createItem(trx, request, kind, request.params.organisationId, request.body as WriteDocument)
        return { status: 201, body: item.source }
      })
      const item = body as { id: string; version: number }
      app.readCache.forget(...changedItemTags(kind.type, item.id))
      return reply.code(status as 201).header('location', `/v1/${plural}/${item.id}`).header('etag', etagOf(item)).send(body)
    },
  )

  app.get(
    `/${plural}/:id/source`,
    {
      schema: {
        tags: tag,
        operationId: `get${noun}Source`,
        summary: `A ${noun.toLowerCase()} as its editors edit it: every language as written, state and version (drafts too)`,
        params: ItemIdParams,
        response: { 200: Source, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem },
      },
      config: { policy: 'organisation.drafts.read', policyOrganisation: owner, rateLimit: rateLimits.consoleRead },
    },
    async (request, reply) => {
      const item = await kind.load(app.db, request.params.id)
      if (!item) throw new WeGovError('WEGOV_NOT_FOUND')
      return send(reply, item)
    },
  )

  app.patch(
    `/${plural}/:id`,
    {
      bodyLimit: WRITE_BODY_LIMIT,
      schema: {
        tags: tag,
        operationId: `update${noun}`,
        summary: `Change part of a ${noun.toLowerCase()} (JSON Merge Patch), publish or unpublish it`,
        description:
          'Content-Type `application/merge-patch+json` (or `application/json`). `If-Match` with the ETag read is required (428 WEGOV_PRECONDITION_REQUIRED); ' +
          'a stale one is 412 WEGOV_EDIT_CONFLICT with the current ETag and `currentVersion`. `{"title": {"fr": "…"}}` sets French only, `{"title": {"fr": null}}` removes it; ' +
          'the original language cannot be removed (422 WEGOV_ORIGINAL_LANGUAGE_REQUIRED). `{"state": "published"}` publishes, `{"state": "draft"}` unpublishes. ' +
          'The slug follows the title until the first publication; a slug changed after it keeps answering with a 301.',
        params: ItemIdParams,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String({ description: 'The ETag of the version edited.' })) }),
        body: Type.Ref(schemas.patch.$id!),
        response: { 200: Source, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 410: Problem, 412: Problem, 413: Problem, 415: Problem, 422: Problem, 428: Problem, 429: Problem },
      },
      config: { policy: 'organisation.content.write', policyOrganisation: owner, rateLimit: rateLimits.contentWrite },
    },
    async (request, reply) => {
      const item = await patchItem(app.db, request, kind, request.params.id, request.body as WriteDocument)
      app.readCache.forget(...changedItemTags(kind.type, request.params.id))
      return send(reply, item)
    },
  )

  app.delete(
    `/${plural}/:id`,
    {
      schema: {
        tags: tag,
        operationId: `delete${noun}`,
        summary: `Delete a ${noun.toLowerCase()}, leaving a tombstone (its addresses answer 410; /v1/deletions lists it)`,
        description: '`If-Match` is required, as for PATCH. POST …/restore undoes it.',
        params: ItemIdParams,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String({ description: 'The ETag of the version deleted.' })) }),
        response: { 204: NoContent, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 410: Problem, 412: Problem, 428: Problem, 429: Problem },
      },
      config: { policy: 'organisation.content.write', policyOrganisation: owner, rateLimit: rateLimits.contentWrite },
    },
    async (request, reply) => {
      await deleteItem(app.db, request, kind, request.params.id)
      app.readCache.forget(...changedItemTags(kind.type, request.params.id))
      return reply.code(204).send(null)
    },
  )

  app.post(
    `/${plural}/:id/restore`,
    {
      schema: {
        tags: tag,
        operationId: `restore${noun}`,
        summary: `Undo the deletion of a ${noun.toLowerCase()}`,
        params: ItemIdParams,
        response: { 200: Source, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem },
      },
      config: { policy: 'organisation.content.write', policyOrganisation: owner, rateLimit: rateLimits.contentWrite },
    },
    async (request, reply) => {
      const item = await restoreItem(app.db, request, kind, request.params.id)
      app.readCache.forget(...changedItemTags(kind.type, request.params.id))
      return send(reply, item)
    },
  )
}
