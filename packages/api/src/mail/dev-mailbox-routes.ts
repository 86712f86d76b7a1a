import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { WeGovError } from '../errors.js'
import { requestLanguage } from '../http/request-language.js'
import { LangSchema } from '../http/schemas.js'
import { DEV_MAILBOX_PAGE_HEADERS, renderDevMailboxPage } from './dev-mailbox-page.js'
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

/** A browser asks for HTML first; API clients and tests (no Accept, or JSON) get JSON. */
function wantsHtml(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*text\/html/.test(accept)
}

/**
 * GET /dev/mailbox?to=ADDRESS: the messages delivered to one address, newest first, rendered exactly as
 * SMTP would have sent them: JSON for programs, a page for a browser (without `to`, a form asking for it).
 * Registered only when no SMTP server is configured and NODE_ENV is not production; hidden from the
 * OpenAPI document. The address is asked for, never answered.
 */
export const devMailboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/dev/mailbox',
    {
      schema: {
        hide: true,
        querystring: Type.Object(
          { to: Type.Optional(Type.String({ minLength: 3, maxLength: 320 })), lang: Type.Optional(LangSchema) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(MessageSchema) }) },
      },
    },
    async (request, reply) => {
      const html = wantsHtml(request.headers.accept)
      const to = request.query.to?.trim().toLowerCase()
      if (to === undefined && !html) throw new WeGovError('WEGOV_VALIDATION', { errors: [{ field: 'to', message: 'the address whose messages to list' }] })
      const rows =
        to === undefined
          ? []
          : await app.db
              .selectFrom('dev_mailbox')
              .select(['id', 'kind', 'locale', 'payload', 'created_at'])
              .where('recipient', '=', to)
              .orderBy('id', 'desc')
              .limit(50)
              .execute()
      const rendered = await renderOutboxMail(app.db, rows)
      const mails = rows.flatMap((row, index) => {
        const mail = rendered[index]
        return mail ? [{ row, mail }] : []
      })
      if (html) {
        const page = renderDevMailboxPage(
          requestLanguage(request),
          to,
          mails.map(({ row, mail }) => ({ subject: mail.subject, locale: row.locale, code: mail.meta.code, links: mail.meta.links, createdAt: row.created_at })),
        )
        // The JSON schema does not describe the page: send it as a string past the serializer.
        return reply.headers(DEV_MAILBOX_PAGE_HEADERS).serializer((payload) => String(payload)).send(page as never)
      }
      reply.header('cache-control', 'no-store')
      return {
        items: mails.map(({ row, mail }) => ({
          id: Number(row.id),
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          code: mail.meta.code,
          links: mail.meta.links,
          createdAt: row.created_at.toISOString(),
        })),
      }
    },
  )
}
