import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { renderOutboxMail } from './render-outbox-mail.js'

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
 * GET /dev/mailbox?to=ADDRESS: the messages delivered to one address, newest first, rendered exactly as
 * SMTP would have sent them. Registered only when no SMTP server is configured and NODE_ENV is not
 * production; hidden from the OpenAPI document. The address is asked for, never answered.
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
        .select(['id', 'kind', 'locale', 'payload', 'created_at'])
        .where('recipient', '=', request.query.to.trim().toLowerCase())
        .orderBy('id', 'desc')
        .limit(50)
        .execute()
      const mails = await renderOutboxMail(app.db, rows)
      reply.header('cache-control', 'no-store')
      return {
        items: rows.flatMap((row, index) => {
          const mail = mails[index]
          if (!mail) return []
          return [{ id: Number(row.id), subject: mail.subject, text: mail.text, html: mail.html, code: mail.meta.code, links: mail.meta.links, createdAt: row.created_at.toISOString() }]
        }),
      }
    },
  )
}
