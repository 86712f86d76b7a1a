import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'

const MessageSchema = Type.Object({
  id: Type.Integer(),
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  links: Type.Record(Type.String(), Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
})

/**
 * GET /dev/mailbox?to=ADDRESS: the messages delivered to one address, newest first. Registered only when
 * no SMTP server is configured and NODE_ENV is not production; hidden from the OpenAPI document. The
 * address is asked for, never answered: the response does not contain it.
 */
export const devMailboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/dev/mailbox',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ to: Type.String({ minLength: 3, maxLength: 320 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(MessageSchema) }) },
      },
    },
    async (request, reply) => {
      const rows = await app.db
        .selectFrom('dev_mailbox')
        .select(['id', 'subject', 'text', 'html', 'meta', 'created_at'])
        .where('recipient', '=', request.query.to.trim().toLowerCase())
        .orderBy('id', 'desc')
        .limit(50)
        .execute()
      reply.header('cache-control', 'no-store')
      return {
        items: rows.map((row) => {
          const meta = row.meta as { code?: string; links?: Record<string, string> }
          return {
            id: Number(row.id),
            subject: row.subject,
            text: row.text,
            html: row.html,
            code: meta.code ?? null,
            links: meta.links ?? {},
            createdAt: row.created_at.toISOString(),
          }
        }),
      }
    },
  )
}
